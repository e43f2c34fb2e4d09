import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./helpers/write-run.ts";

const ROOT = join(import.meta.dirname, "..", "..");

function sweepforge(args: readonly string[]): string {
  return execFileSync(process.execPath, [join(ROOT, "bin", "sweepforge.js"), ...args],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "1767225600" } });
}

// Each trial reports y = 10·n in metrics.json and appends two observations of
// `residual` (n and n + 1) to a result file shared by the run.
const TRIAL = `import { appendFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
const out = process.env.SWEEPFORGE_OUTPUT_DIR;
const n = Number(process.env.SWEEPFORGE_PARAM_N);
writeFileSync(join(out, "metrics.json"), JSON.stringify({ y: 10 * n }));
const shared = resolve(out, "..", "..", "..", "observations.jsonl");
const trial = process.env.SWEEPFORGE_TRIAL_ID;
appendFileSync(shared, JSON.stringify({ trial, residual: n }) + "\\n"
  + JSON.stringify({ trial, residual: n + 1 }) + "\\n");
`;

describe("a YAML experiment that declares its own figure and result file", () => {
  it("plots the declared Vega-Lite spec and summarises the declared file with the run", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "trial.mjs"), TRIAL);
    writeFileSync(join(dir, "experiment.yaml"), `name: declared
params:
  n: [1, 2, 3]
metrics:
  y: { unit: m, goal: max }
steps:
  work:
    run: [node, ${JSON.stringify(join(dir, "trial.mjs"))}]
results: [observations.jsonl]
plots:
  y and residual:
    mark: bar
    encoding:
      x: { field: n, type: ordinal, title: n }
      y: { field: residual, type: quantitative, title: mean residual }
`);
    const runDir = join(dir, "run");
    sweepforge(["run", join(dir, "experiment.yaml"), "--jobs", "2", "--run-dir", runDir,
      "--quiet"]);

    const summary = JSON.parse(sweepforge(["summarize", runDir, "--json"])) as {
      groups: { params: { n: number }; metrics: Record<string, { mean: number }> }[] };
    expect(summary.groups.map((g) => [g.params.n, g.metrics.y?.mean, g.metrics.residual?.mean]))
      .toEqual([[1, 10, 1.5], [2, 20, 2.5], [3, 30, 3.5]]);

    const out = join(runDir, "figures");
    sweepforge(["plot", runDir, "--out", out, "--format", "svg"]);
    const spec = JSON.parse(readFileSync(join(out, "custom-y-and-residual.vl.json"), "utf8")) as {
      mark: string; data: { values: { n: number; residual: number }[] } };
    expect(spec.mark).toBe("bar");
    expect(spec.data.values.map((row) => [row.n, row.residual]))
      .toEqual([[1, 1.5], [2, 2.5], [3, 3.5]]);
    const svg = readFileSync(join(out, "custom-y-and-residual.svg"), "utf8");
    expect(svg).toContain("mean residual");
    expect(svg).toContain("<metadata>");
    expect(existsSync(join(out, "dashboard.html"))).toBe(true);
    expect(readFileSync(join(out, "dashboard.html"), "utf8")).toContain("custom-y-and-residual");
  }, 120_000);
});
