// Ingest throughput: sweepforge's result-file aggregation beside a plain
// line-by-line JSON.parse aggregation loop and `cat` of the same file, all in
// one run. Usage: npx tsx bench/results-ingest.ts [MB=1000] [FILE]
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, rmSync, statSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { createInterface } from "node:readline";
import { loadResults } from "../src/results/load.ts";
import { generateResults } from "./results-generate.ts";

async function time<T>(run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await run();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

// The reference: what a user would write by hand with readline and JSON.parse.
async function jsonParseLoop(file: string): Promise<number> {
  const groups = new Map<string, { n: number; sum: number; sumSquares: number }>();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const row = JSON.parse(line) as Record<string, number | string>;
    const key = `${row.lr}|${row.batch}|${row.optimizer}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { n: 0, sum: 0, sumSquares: 0 }));
    const loss = row.loss as number;
    group.n += 1;
    group.sum += loss;
    group.sumSquares += loss * loss;
  }
  return groups.size;
}

const megabytes = Number(process.argv[2] ?? 1000);
const file = process.argv[3] ?? `/tmp/sweepforge-bench-${megabytes}mb.jsonl`;
const generated = !existsSync(file);
if (generated) await generateResults(file, megabytes);
const bytes = statSync(file).size;
const mbps = (seconds: number): string => (bytes / 1e6 / seconds).toFixed(0);

const cat = await time(async () => execFileSync("sh", ["-c", `cat '${file}' > /dev/null`]));
const reference = await time(() => jsonParseLoop(file));
// Without a run directory, numeric parameters must be named with --by.
const by = ["lr", "batch", "optimizer"];
const ours = await time(() => loadResults({ runDirs: [], resultFiles: [file], by }));
const oursOne = await time(() => loadResults({ runDirs: [], resultFiles: [file], by, jobs: 1 }));

console.log(`file: ${(bytes / 1e6).toFixed(0)} MB JSON Lines, ${ours.value.aggregate.size} groups`);
console.log(`machine: ${cpus()[0]?.model ?? "?"} × ${availableParallelism()}, Node ${process.version}`);
console.log(`cat                        ${cat.seconds.toFixed(2)} s  ${mbps(cat.seconds)} MB/s`);
console.log(`JSON.parse line loop       ${reference.seconds.toFixed(2)} s  ${mbps(reference.seconds)} MB/s`);
console.log(`sweepforge (1 thread)      ${oursOne.seconds.toFixed(2)} s  ${mbps(oursOne.seconds)} MB/s`);
console.log(`sweepforge (${availableParallelism()} threads)     ${ours.seconds.toFixed(2)} s  ${mbps(ours.seconds)} MB/s`);
console.log(`ratio sweepforge / JSON.parse loop: ${(reference.seconds / ours.seconds).toFixed(2)}×; `
  + `sweepforge / cat: ${(cat.seconds / ours.seconds).toFixed(2)}×`);
if (generated && !process.env.KEEP_BENCH_FILE) rmSync(file);
