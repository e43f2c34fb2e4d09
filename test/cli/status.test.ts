import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../run/support/temp.ts";
import { runCli, writeDefinition } from "./run-support.ts";

describe("sweepforge status", () => {
  it("counts total, done, failed, running and pending and lists failures with logs", async () => {
    const dir = tempDir();
    const definition = writeDefinition(
      dir,
      "st",
      4,
      `if [ "$1" = 1 ]; then echo nope >&2; exit 4; fi`,
    );
    await runCli(["run", definition, "--run-dir", "r", "--retries", "0", "--quiet"], dir);

    const json = await runCli(["status", "r", "--json"], dir);
    const human = await runCli(["status", join(dir, "r")], dir);

    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout);
    expect(status).toMatchObject({
      total: 4,
      done: 3,
      failed: 1,
      running: 0,
      pending: 0,
    });
    expect(status.failures[0]).toMatchObject({
      params: { i: 1 },
      status: "failed",
      exitCode: 4,
      stderr: expect.stringMatching(/trials\/.+\/stderr\.log$/),
    });
    expect(human.stderr).toContain("4 trials: 3 done, 1 failed, 0 running, 0 pending");
    expect(human.stderr).toContain(`{"i":1}: exit code 4`);
  }, 60_000);

  it("exits 2 for a folder that is not a run directory", async () => {
    const dir = tempDir();

    const result = await runCli(["status", dir], dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not a run directory");
  });
});
