// sweepforge trial helper for Node (built-ins only, plain JavaScript so a
// trial needs no TypeScript loader). Types: ./trial.d.mts.
//
//   import { params, writeMetrics, logProgress } from "sweepforge/helpers/node/trial.mjs";
//   const p = params();
//   logProgress({ epoch: 1, loss: 0.5 });
//   writeMetrics({ loss: 0.1 });
import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync }
  from "node:fs";
import { join } from "node:path";

/** The trial's parameters, decoded from SWEEPFORGE_PARAMS. */
export function params() {
  return JSON.parse(process.env.SWEEPFORGE_PARAMS ?? "{}");
}

export function seed() {
  return Number(process.env.SWEEPFORGE_SEED ?? 0);
}

export function trialId() {
  return process.env.SWEEPFORGE_TRIAL_ID ?? "";
}

/** Where metrics.json, progress.jsonl and the trial's outputs go. */
export function outputDir() {
  const dir = process.env.SWEEPFORGE_OUTPUT_DIR ?? ".";
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes metrics.json atomically: temporary file, fsync, rename. */
export function writeMetrics(metrics) {
  const target = join(outputDir(), "metrics.json");
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, `${JSON.stringify(metrics)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
}

/** Appends one intermediate result to progress.jsonl. */
export function logProgress(entry) {
  appendFileSync(join(outputDir(), "progress.jsonl"), `${JSON.stringify(entry)}\n`);
}
