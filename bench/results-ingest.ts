// Ingest throughput: sweepforge's result-file aggregation beside a plain
// line-by-line JSON.parse aggregation loop (split(",") for a .csv FILE) and
// `cat` of the same file, all in one run.
// Usage: npx tsx bench/results-ingest.ts [MB=1000] [FILE] [RUNS=1]
// (with RUNS > 1, each method runs that many times and its best time counts).
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { loadResults } from "../src/results/load.ts";
import { csvSplitLoop, jsonParseLoop } from "./json-parse-loop.ts";
import { generateResults } from "./results-generate.ts";

interface Timing<T> {
  readonly seconds: number;
  /** CPU time of this process, every thread included (not of child processes). */
  readonly cpuSeconds: number;
  readonly value: T;
}

async function time<T>(run: () => Promise<T>): Promise<Timing<T>> {
  let best: Timing<T> | null = null;
  for (let i = 0; i < runs; i += 1) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const value = await run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    if (best === null || seconds < best.seconds) {
      best = { seconds, cpuSeconds: (used.user + used.system) / 1e6, value };
    }
  }
  return best!;
}

const megabytes = Number(process.argv[2] ?? 1000);
const file = process.argv[3] ?? `/tmp/sweepforge-bench-${megabytes}mb.jsonl`;
const runs = Number(process.argv[4] ?? 1);
const generated = !existsSync(file);
if (generated) await generateResults(file, megabytes);
const bytes = statSync(file).size;
const threads = availableParallelism();
const loadBefore = loadavg()[0]!;

const cat = await time(async () =>
  execFileSync("sh", ["-c", `cat '${file}' > /dev/null`]),
);
const isCsv = file.endsWith(".csv");
const reference = await time(() => (isCsv ? csvSplitLoop(file) : jsonParseLoop(file)));
// Without a run directory, numeric parameters must be named with --by.
const by = ["lr", "batch", "optimizer"];
const ours = await time(() => loadResults({ runDirs: [], resultFiles: [file], by }));
const oursOne = await time(() =>
  loadResults({ runDirs: [], resultFiles: [file], by, jobs: 1 }),
);

const line = (name: string, timing: Timing<unknown>, cpu = true): string =>
  `${name.padEnd(27)}${timing.seconds.toFixed(2)} s  ` +
  `${(bytes / 1e6 / timing.seconds).toFixed(0)} MB/s` +
  (cpu ? `  (CPU ${timing.cpuSeconds.toFixed(2)} s)` : "");
console.log(
  `file: ${(bytes / 1e6).toFixed(0)} MB ${isCsv ? "CSV" : "JSON Lines"}, ` +
    `${ours.value.aggregate.size} groups`,
);
console.log(
  `machine: ${cpus()[0]?.model ?? "?"} × ${threads}, Node ${process.version}, ` +
    `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after; ` +
    `best of ${runs}`,
);
console.log(line("cat", cat, false));
console.log(line(isCsv ? 'split(",") line loop' : "JSON.parse line loop", reference));
console.log(line("sweepforge (1 thread)", oursOne));
console.log(line(`sweepforge (${threads} threads)`, ours));
console.log(
  `ratio sweepforge / ${isCsv ? "split" : "JSON.parse"} loop: ` +
    `${(reference.seconds / ours.seconds).toFixed(2)}×; ` +
    `sweepforge / cat: ${(cat.seconds / ours.seconds).toFixed(2)}×`,
);
if (generated && !process.env.KEEP_BENCH_FILE) rmSync(file);
