// The standard figure set from a large result file: ingest (streamed) plus
// every figure and the dashboard, timed end to end, beside a plain read of the
// file with `cat`. Usage: npx tsx bench/viz-standard-set.ts FILE [format]
import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadResults } from "../src/results/load.ts";
import { plotResults, type FormatChoice } from "../src/viz/plot.ts";

const file = process.argv[2] ?? "/tmp/sweepforge-bench-1000mb.jsonl";
const format = (process.argv[3] ?? "svg") as FormatChoice;
const bytes = statSync(file).size;

const catStart = performance.now();
execFileSync("sh", ["-c", `cat '${file}' > /dev/null`]);
const catSeconds = (performance.now() - catStart) / 1000;

const start = performance.now();
const results = await loadResults({ runDirs: [], resultFiles: [file],
  by: ["lr", "batch", "optimizer"] });
const ingested = (performance.now() - start) / 1000;
const report = await plotResults(results, { out: mkdtempSync(join(tmpdir(), "sf-std-")), format });
const total = (performance.now() - start) / 1000;

console.log(`file ${(bytes / 1e6).toFixed(0)} MB: ingest ${ingested.toFixed(1)} s, `
  + `${report.figures.length} figures + dashboard, total ${total.toFixed(1)} s`);
console.log(`cat (reference read) ${catSeconds.toFixed(2)} s; ratio total / cat ${(total / catSeconds).toFixed(0)}×`);
