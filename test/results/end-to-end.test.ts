import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPngText } from "../../src/viz/embed-metadata.ts";
import { tempDir } from "./helpers/write-run.ts";

const ROOT = join(import.meta.dirname, "..", "..");

function sweepforge(args: readonly string[]): string {
  return execFileSync(process.execPath, [join(ROOT, "bin", "sweepforge.js"), ...args],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "1767225600" } });
}

describe("results of a real `sweepforge run`", () => {
  it("summarises and plots the quickstart run with the run's own provenance", () => {
    const runDir = join(tempDir(), "quickstart");
    sweepforge(["run", "examples/quickstart/experiment.ts", "--jobs", "2", "--run-dir", runDir,
      "--quiet"]);

    const summary = JSON.parse(sweepforge(["summarize", runDir, "--json"])) as {
      groups: { params: { samples: number }; n: number; metrics: Record<string, { ci95: number[] }> }[];
      best: Record<string, { goal: string; goalDeclared: boolean }>;
    };
    expect(summary.groups.map((g) => [g.params.samples, g.n]))
      .toEqual([[1000, 3], [10_000, 3], [100_000, 3]]);
    expect(summary.groups[0]!.metrics.pi!.ci95).toHaveLength(2);
    expect(summary.best.abs_error).toMatchObject({ goal: "min", goalDeclared: true });

    const out = join(runDir, "figures");
    sweepforge(["plot", runDir, "--out", out, "--format", "png", "--metric", "abs_error"]);
    const env = JSON.parse(readFileSync(join(runDir, "env.json"), "utf8")) as {
      git: { value: { commit: string } } };
    const text = readPngText(readFileSync(join(out, "abs-error-vs-samples.png")));
    expect(text["sweepforge:git-commit"]).toBe(env.git.value.commit);
    expect(text["sweepforge:experiment"]).toBe("quickstart");
    expect(readFileSync(join(out, "dashboard.html"), "utf8")).toContain("abs-error-vs-samples");
  }, 120_000);
});
