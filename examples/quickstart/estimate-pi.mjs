#!/usr/bin/env node
// One quickstart trial: throw `--samples` random darts at the unit square and
// count those inside the quarter circle. Plain Node; reports results
// (metrics.json, progress.jsonl) through sweepforge's Node trial helper.
import { parseArgs } from "node:util";
import { logProgress, writeMetrics } from "sweepforge/helpers/node/trial.mjs";

const { values: args } = parseArgs({
  options: { samples: { type: "string" }, seed: { type: "string" } },
});
const samples = Number(args.samples);
const seed = Number(args.seed ?? 0);
if (!Number.isInteger(samples) || samples < 1) {
  console.error("estimate-pi: --samples must be a positive integer");
  process.exit(2);
}

// mulberry32: a small seeded generator, so a trial is reproducible from its seed.
let state = seed >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

let inside = 0;
const reportEvery = Math.max(1, Math.floor(samples / 10));
for (let i = 1; i <= samples; i++) {
  const x = random();
  const y = random();
  if (x * x + y * y <= 1) inside++;
  if (i % reportEvery === 0) {
    logProgress({ samples: i, pi: (4 * inside) / i });
  }
}

const pi = (4 * inside) / samples;
writeMetrics({ pi, abs_error: Math.abs(pi - Math.PI) });
console.log(`pi ≈ ${pi} from ${samples} samples (seed ${seed})`);
