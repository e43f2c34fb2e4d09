#!/usr/bin/env node
// One quickstart trial: throw `--samples` random darts at the unit square and
// count those inside the quarter circle. Node built-ins only (so a packed run
// re-executes anywhere with no install). Reports through
// the trial protocol: metrics.json and progress.jsonl in $SWEEPFORGE_OUTPUT_DIR.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { samples: { type: "string" }, seed: { type: "string" } },
});
const samples = Number(args.samples ?? process.env.SWEEPFORGE_PARAM_SAMPLES);
const seed = Number(args.seed ?? process.env.SWEEPFORGE_SEED ?? 0);
if (!Number.isInteger(samples) || samples < 1) {
  console.error("estimate-pi: --samples must be a positive integer");
  process.exit(2);
}

const outputDir = process.env.SWEEPFORGE_OUTPUT_DIR ?? ".";
mkdirSync(outputDir, { recursive: true });
const progressFile = join(outputDir, "progress.jsonl");
writeFileSync(progressFile, "");

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
    // "step" marks where in the run a line is, so plots draw pi against it.
    const step = i / reportEvery;
    appendFileSync(progressFile, `${JSON.stringify({ step, pi: (4 * inside) / i })}\n`);
  }
}

const pi = (4 * inside) / samples;
const metrics = { pi, abs_error: Math.abs(pi - Math.PI) };
writeFileSync(join(outputDir, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
console.log(`pi ≈ ${pi} from ${samples} samples (seed ${seed})`);
