// The standard figure set from a large result file: ingest (streamed), then
// every figure and the dashboard, timed end to end in a fresh process, beside a
// plain read of the file with `cat` and, as the reference for this machine's
// speed at the moment, the hand-written JSON.parse aggregation loop (run
// last). The figures part is reported on its own too (wall and CPU time of all
// threads), since ingest is benchmarked in results-ingest.
// Usage: npx tsx bench/viz-standard-set.ts FILE [svg|png|both] [threads]
import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadResults } from "../src/results/load.ts";
import { plotResults, type FormatChoice } from "../src/viz/plot.ts";
import { jsonParseLoop } from "./json-parse-loop.ts";

const file = process.argv[2] ?? "/tmp/sweepforge-bench-1000mb.jsonl";
const format = (process.argv[3] ?? "svg") as FormatChoice;
const threads = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
const bytes = statSync(file).size;
const load = loadavg()[0]!.toFixed(2);

const catStart = performance.now();
execFileSync("cat", [file], { stdio: ["ignore", "ignore", "inherit"] });
const catSeconds = (performance.now() - catStart) / 1000;

const start = performance.now();
const results = await loadResults({
  runDirs: [],
  resultFiles: [file],
  by: ["lr", "batch", "optimizer"],
});
const ingested = (performance.now() - start) / 1000;

const cpuStart = process.cpuUsage();
const out = mkdtempSync(join(tmpdir(), "sf-std-"));
const report = await plotResults(results, { out, format, threads });
const cpu = process.cpuUsage(cpuStart);
const total = (performance.now() - start) / 1000;
const drawing = total - ingested;

console.log(
  `file ${(bytes / 1e6).toFixed(0)} MB, format ${format}, ` +
    `threads ${threads ?? "default"}, load average ${load}`,
);
console.log(
  `ingest ${ingested.toFixed(1)} s; ${report.figures.length} figures + dashboard ` +
    `${drawing.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s); ` +
    `total ${total.toFixed(1)} s`,
);
console.log(
  `cat (reference read) ${catSeconds.toFixed(2)} s; ` +
    `ratio total / cat ${(total / catSeconds).toFixed(0)}×`,
);

// The target (8 s) was set where this loop runs at about 70 MB/s, i.e.
// takes ~14 s per GB: the ratio below is the figure to compare across runs.
const loopStart = performance.now();
await jsonParseLoop(file);
const loopSeconds = (performance.now() - loopStart) / 1000;
console.log(
  `JSON.parse line loop (reference) ${loopSeconds.toFixed(1)} s ` +
    `(${(bytes / 1e6 / loopSeconds).toFixed(0)} MB/s); ` +
    `ratio total / loop ${(total / loopSeconds).toFixed(2)} ` +
    `(8 s at 70 MB/s is ${(8 / (bytes / 1e6 / 70)).toFixed(2)})`,
);
