// Figure throughput: 100+ figures of the standard set drawn in one process
// (SVG, and SVG + 2× PNG) on every core, beside vega-lite's own `vl2svg` CLI
// rendering the same saved specs one process per figure. Wall and CPU time
// (all threads) are both printed: on a shared machine the CPU figure is the
// steadier one. Usage: npx tsx bench/viz-figures.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadResults } from "../src/results/load.ts";
import { plotResults } from "../src/viz/plot.ts";
import { closeRenderWorkers } from "../src/viz/render-pool.ts";
import { writeExampleRun } from "../test/fixtures/results/example-run.ts";

interface Timing {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly figures: number;
}

const parent = mkdtempSync(join(tmpdir(), "sweepforge-viz-bench-"));
const runs = Array.from({ length: 7 }, (_, i) =>
  writeExampleRun(parent, `sweep-${i}`, i / 100),
);

async function drawAll(format: "svg" | "both"): Promise<Timing> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let figures = 0;
  for (const [i, run] of runs.entries()) {
    const results = await loadResults({ runDirs: [run] });
    const out = join(parent, `${format}-${i}`);
    const report = await plotResults(results, { out, format, dashboard: false });
    figures += report.figures.length;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { seconds: (performance.now() - start) / 1000, cpuSeconds, figures };
}

// Best of three, by wall time.
async function bestOf(format: "svg" | "both"): Promise<Timing> {
  const timings = [await drawAll(format), await drawAll(format), await drawAll(format)];
  return timings.sort((a, b) => a.seconds - b.seconds)[0]!;
}

const load = loadavg()[0]!.toFixed(2);
const svg = await bestOf("svg");
const both = await bestOf("both");
await closeRenderWorkers();

// The reference: vl2svg, one process per spec, on the first 10 saved specs.
const specs = readdirSync(join(parent, "svg-0"))
  .filter((f) => f.endsWith(".vl.json"))
  .slice(0, 10);
const cli = join(process.cwd(), "node_modules", ".bin", "vl2svg");
const referenceStart = performance.now();
for (const spec of specs) {
  execFileSync(cli, [join(parent, "svg-0", spec), join(parent, `${spec}.ref.svg`)]);
}
const referencePer = (performance.now() - referenceStart) / 1000 / specs.length;

const per = (seconds: number, r: Timing): number => seconds / r.figures;
const line = (label: string, r: Timing): string =>
  `${label} ${r.figures} figures in ${r.seconds.toFixed(2)} s ` +
  `(${(per(r.seconds, r) * 1000).toFixed(0)} ms each, ` +
  `100 figures ≈ ${(per(r.seconds, r) * 100).toFixed(1)} s; ` +
  `CPU ${(per(r.cpuSeconds, r) * 1000).toFixed(0)} ms each)`;
console.log(
  `machine: ${cpus()[0]?.model ?? "?"} × ${availableParallelism()}, ` +
    `Node ${process.version}, load average at start ${load}`,
);
console.log(line("sweepforge SVG      ", svg));
console.log(line("sweepforge SVG + PNG", both));
console.log(
  `vl2svg (reference)    ${specs.length} figures, ` +
    `${(referencePer * 1000).toFixed(0)} ms each ` +
    `(100 figures ≈ ${(referencePer * 100).toFixed(1)} s)`,
);
console.log(
  `ratio vl2svg / sweepforge SVG per figure: ` +
    `${(referencePer / per(svg.seconds, svg)).toFixed(1)}×`,
);
