import { mkdirSync, readFileSync, readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { runPlan } from "../../src/run/runner.ts";
import { runCli, writeDefinition } from "../cli/run-support.ts";
import { handPlan } from "./support/plan.ts";
import { tempDir } from "./support/temp.ts";

const PWD = ["/bin/sh", "-c", 'pwd -P > "$SWEEPFORGE_OUTPUT_DIR/pwd"'];

function pwdOf(runDir: string, trialId: string): string {
  return readFileSync(join(runDir, "trials", trialId, "output", "pwd"), "utf8").trim();
}

describe("the trials' working directory", () => {
  it("runs every trial in RunOptions.cwd, and the default runs/ under baseDir", async () => {
    const dir = realpathSync(tempDir());
    const work = join(dir, "work");
    mkdirSync(work);
    const plan = handPlan("place", [{ name: "t", count: 3, argv: () => PWD }]);

    const summary = await runPlan(plan, {
      cwd: work,
      baseDir: dir,
      jobs: 2,
      skipEnvironment: true,
    });

    expect(summary.succeeded).toBe(3);
    expect(summary.runDir.startsWith(join(dir, "runs", "place"))).toBe(true);
    for (const id of ["t-00000", "t-00001", "t-00002"]) {
      expect(pwdOf(summary.runDir, id)).toBe(work);
    }
    expect(readdirSync(work)).toEqual([]);
  });

  it("refuses a working directory that does not exist, naming it", async () => {
    const dir = tempDir();
    const plan = handPlan("nowhere", [{ name: "t", argv: () => ["true"] }]);

    const run = runPlan(plan, {
      cwd: join(dir, "missing"),
      runDir: join(dir, "run"),
      skipEnvironment: true,
    });

    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(/missing is not an existing folder/);
  });

  it("sweepforge run --cwd DIR starts trials in DIR, resolved from the current folder", async () => {
    const dir = realpathSync(tempDir());
    mkdirSync(join(dir, "data"));
    const definition = writeDefinition(
      dir,
      "cw",
      2,
      'pwd -P > "$SWEEPFORGE_OUTPUT_DIR/pwd"',
    );

    const result = await runCli(
      ["run", definition, "--cwd", "data", "--run-dir", "r", "--quiet"],
      dir,
    );

    expect(result.code).toBe(0);
    const trials = readdirSync(join(dir, "r", "trials"));
    expect(trials).toHaveLength(2);
    for (const id of trials) expect(pwdOf(join(dir, "r"), id)).toBe(join(dir, "data"));
  }, 60_000);

  it("sweepforge run --cwd exits 2 when the folder is missing", async () => {
    const dir = tempDir();
    const definition = writeDefinition(dir, "cm", 1, "true");

    const result = await runCli(["run", definition, "--cwd", "nope", "--quiet"], dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(dir, "nope"));
    expect(result.stderr).toContain("--cwd");
  }, 60_000);
});
