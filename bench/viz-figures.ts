// Figure throughput: 100+ figures of the standard set drawn in one process
// (SVG, and SVG + 2× PNG), beside vega-lite's own `vl2svg` CLI rendering the
// same saved specs one process per figure. Usage: npx tsx bench/viz-figures.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { loadResults } from "../src/results/load.ts";
import { plotResults } from "../src/viz/plot.ts";
import { writeExampleRun } from "../test/fixtures/results/example-run.ts";

const parent = mkdtempSync(join(tmpdir(), "sweepforge-viz-bench-"));
const runs = Array.from({ length: 7 }, (_, i) => writeExampleRun(parent, `sweep-${i}`, i / 100));

async function drawAll(format: "svg" | "both"): Promise<{ seconds: number; figures: number }> {
  const start = performance.now();
  let figures = 0;
  for (const [i, run] of runs.entries()) {
    const results = await loadResults({ runDirs: [run] });
    const report = await plotResults(results, { out: join(parent, `${format}-${i}`), format,
      dashboard: false });
    figures += report.figures.length;
  }
  return { seconds: (performance.now() - start) / 1000, figures };
}

const svg = await drawAll("svg");
const both = await drawAll("both");

// The reference: vl2svg, one process per spec, on the first 10 saved specs.
const specs = readdirSync(join(parent, "svg-0")).filter((f) => f.endsWith(".vl.json")).slice(0, 10);
const cli = join(process.cwd(), "node_modules", ".bin", "vl2svg");
const referenceStart = performance.now();
for (const spec of specs) {
  execFileSync(cli, [join(parent, "svg-0", spec), join(parent, `${spec}.ref.svg`)]);
}
const referencePer = (performance.now() - referenceStart) / 1000 / specs.length;

const per = (r: { seconds: number; figures: number }): number => r.seconds / r.figures;
console.log(`machine: ${cpus()[0]?.model ?? "?"} × ${availableParallelism()}, Node ${process.version}`);
console.log(`sweepforge SVG        ${svg.figures} figures in ${svg.seconds.toFixed(2)} s `
  + `(${(per(svg) * 1000).toFixed(0)} ms each, 100 figures ≈ ${(per(svg) * 100).toFixed(1)} s)`);
console.log(`sweepforge SVG + PNG  ${both.figures} figures in ${both.seconds.toFixed(2)} s `
  + `(${(per(both) * 1000).toFixed(0)} ms each, 100 figures ≈ ${(per(both) * 100).toFixed(1)} s)`);
console.log(`vl2svg (reference)    ${specs.length} figures, ${(referencePer * 1000).toFixed(0)} ms each `
  + `(100 figures ≈ ${(referencePer * 100).toFixed(1)} s)`);
console.log(`ratio vl2svg / sweepforge SVG per figure: ${(referencePer / per(svg)).toFixed(1)}×`);
