import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJournal } from "../../src/record/journal.ts";
import { readRunStatus } from "../../src/run/status.ts";
import { runPlan } from "../../src/run/runner.ts";
import { handPlan } from "./support/plan.ts";
import { tempDir } from "./support/temp.ts";

const plan = (count: number) =>
  handPlan("grow", [
    {
      name: "t",
      count,
      argv: () => ["true"],
      resources: { memoryMiB: 1, walltimeSeconds: 60 },
    },
  ]);

function planHashOnDisk(runDir: string): string {
  return JSON.parse(readFileSync(join(runDir, "plan.json"), "utf8")).hash as string;
}

describe("resuming with a changed definition", () => {
  it("rewrites plan.json for the new plan, journals the change, and status counts it", async () => {
    const runDir = join(tempDir(), "run");
    const before = plan(2);
    const after = plan(5);
    expect(after.hash).not.toBe(before.hash);
    await runPlan(before, { runDir, skipEnvironment: true });

    const resumed = await runPlan(after, { runDir, resume: true, skipEnvironment: true });

    expect(resumed).toMatchObject({ alreadyDone: 2, succeeded: 3 });
    expect(planHashOnDisk(runDir)).toBe(after.hash);
    const changes = (await readJournal(runDir)).filter((e) => e.event === "plan-changed");
    expect(changes).toEqual([
      expect.objectContaining({ from: before.hash, to: after.hash }),
    ]);
    expect(await readRunStatus(runDir)).toMatchObject({
      total: 5,
      done: 5,
      failed: 0,
      running: 0,
      pending: 0,
    });
  });

  it("leaves plan.json and the journal alone when the plan is unchanged", async () => {
    const runDir = join(tempDir(), "run");
    const same = plan(2);
    await runPlan(same, { runDir, skipEnvironment: true });
    const written = readFileSync(join(runDir, "plan.json"), "utf8");

    await runPlan(same, { runDir, resume: true, skipEnvironment: true });

    expect(readFileSync(join(runDir, "plan.json"), "utf8")).toBe(written);
    expect((await readJournal(runDir)).some((e) => e.event === "plan-changed")).toBe(
      false,
    );
  });
});
