import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planFromFile, type TrialSpec } from "../../src/plan/index.ts";

const repo = join(import.meta.dirname, "..", "..");

// Runs one planned trial the way the trial protocol describes, from the repo.
function runTrial(trial: TrialSpec, outputDir: string): string {
  mkdirSync(outputDir, { recursive: true });
  const paramEnv = Object.fromEntries(Object.entries(trial.params)
    .map(([name, value]) => [`SWEEPFORGE_PARAM_${name.toUpperCase()}`, String(value)]));
  return execFileSync(trial.argv[0] as string, trial.argv.slice(1), {
    cwd: repo,
    encoding: "utf8",
    env: {
      ...process.env, ...trial.env, ...paramEnv,
      SWEEPFORGE_TRIAL_ID: trial.id,
      SWEEPFORGE_TRIAL_INDEX: String(trial.index),
      SWEEPFORGE_SEED: String(trial.seed),
      SWEEPFORGE_PARAMS: JSON.stringify(trial.params),
      SWEEPFORGE_OUTPUT_DIR: outputDir,
    },
  });
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("the quickstart example", () => {
  it("runs a planned trial that estimates pi and reports through metrics.json", async () => {
    const plan = await planFromFile(join(repo, "examples/quickstart/experiment.ts"));
    const trials = [...plan.steps[0]!.trials];
    const largest = trials.filter((t) => t.params.samples === 100_000);
    const dir = mkdtempSync(join(tmpdir(), "sweepforge-pi-"));

    const estimates = largest.map((trial, i) => {
      runTrial(trial, join(dir, String(i)));
      const metrics = readJson(join(dir, String(i), "metrics.json"));
      expect(Math.abs(metrics.pi - Math.PI)).toBeLessThan(0.05);
      expect(metrics.abs_error).toBeCloseTo(Math.abs(metrics.pi - Math.PI), 12);
      expect(readFileSync(join(dir, String(i), "progress.jsonl"), "utf8").trim().split("\n")).toHaveLength(10);
      return metrics.pi;
    });
    expect(new Set(estimates).size).toBe(3);

    runTrial(largest[0]!, join(dir, "again"));
    expect(readJson(join(dir, "again", "metrics.json")).pi).toBe(estimates[0]);
  });
});

describe("the heat example", () => {
  it("solves a planned trial accurately, and CG needs fewer iterations than Jacobi", async () => {
    const plan = await planFromFile(join(repo, "examples/heat/experiment.yaml"));
    const trials = [...plan.steps[0]!.trials]
      .filter((t) => t.params.n === 32 && t.params.alpha === 0.1);
    const dir = mkdtempSync(join(tmpdir(), "sweepforge-heat-"));

    const metrics = Object.fromEntries(trials.map((trial) => {
      const out = join(dir, "trials", trial.id, "output");
      runTrial(trial, out);
      writeFileSync(join(dir, "trials", trial.id, "params.json"), JSON.stringify({ params: trial.params }));
      return [trial.params.solver as string, readJson(join(out, "metrics.json"))];
    }));

    expect(metrics.cg.l2_error).toBeLessThan(1e-3);
    expect(Math.abs(metrics.jacobi.l2_error - metrics.cg.l2_error)).toBeLessThan(1e-6);
    expect(metrics.cg.iterations).toBeLessThan(metrics.jacobi.iterations);

    const report = plan.steps[1]!.trials.at(0);
    const reportOut = join(dir, "trials", report.id, "output");
    expect(runTrial(report, reportOut)).toContain("summarised 2 trials");
    const rows = readFileSync(join(reportOut, "summary.csv"), "utf8").trim().split(/\r?\n/);
    expect(rows[0]).toBe("alpha,iterations,l2_error,n,solver,trial");
    expect(rows).toHaveLength(3);
  });
});
