// Peak memory of ingesting a large result file: prints the file size, time and
// the process's peak RSS. Usage: npx tsx bench/results-memory.ts FILE [jobs]
// (generate FILE with bench/results-generate.ts; for 10 GB: ... FILE 10000).
// Reference in the same run: `wc -l` over the same file (a plain read).
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { loadResults } from "../src/results/load.ts";

const file = process.argv[2] ?? "/tmp/sweepforge-bench-1000mb.jsonl";
const jobs = Number(process.argv[3] ?? 2);
const bytes = statSync(file).size;

const wcStart = performance.now();
execFileSync("wc", ["-l", file]);
const wcSeconds = (performance.now() - wcStart) / 1000;

const start = performance.now();
const results = await loadResults({ runDirs: [], resultFiles: [file], jobs,
  by: ["lr", "batch", "optimizer"] });
const seconds = (performance.now() - start) / 1000;
// maxRSS is in KiB and covers the main thread and its worker threads.
const peakMiB = process.resourceUsage().maxRSS / 1024;

console.log(`file ${(bytes / 1e6).toFixed(0)} MB, ${results.aggregate.size} groups, jobs ${jobs}`);
console.log(`sweepforge ingest ${seconds.toFixed(1)} s (${(bytes / 1e6 / seconds).toFixed(0)} MB/s), `
  + `peak RSS ${peakMiB.toFixed(0)} MiB`);
console.log(`wc -l (reference read) ${wcSeconds.toFixed(1)} s `
  + `(${(bytes / 1e6 / wcSeconds).toFixed(0)} MB/s)`);
