import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTrialRecord } from "../../src/record/read.ts";
import { tempDir } from "../run/support/temp.ts";
import { exitOf, runCli, spawnCli, writeDefinition } from "./run-support.ts";

describe("sweepforge run interrupted by a signal", () => {
  it("records running trials as interrupted, exits 130, and status counts them pending", async () => {
    const dir = tempDir();
    const definition = writeDefinition(dir, "sig", 4, "sleep 20");
    const runDir = join(dir, "r");
    const child = spawnCli(
      ["run", definition, "--run-dir", runDir, "--jobs", "2", "--quiet"],
      dir,
    );
    const exited = exitOf(child);

    const deadline = Date.now() + 60_000;
    while (!existsSync(join(runDir, "runner.json")) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill("SIGINT");
    const { code } = await exited;

    expect(code).toBe(130);
    const status = JSON.parse((await runCli(["status", runDir, "--json"], dir)).stdout);
    expect(status).toMatchObject({
      total: 4,
      done: 0,
      failed: 0,
      running: 0,
      pending: 4,
    });
    expect(status.failures).toEqual([]);
    // Trials sent ahead to a worker have a folder but never started: no record.
    const ids = readdirSync(join(runDir, "trials"));
    const records = await Promise.all(ids.map((id) => readTrialRecord(runDir, id)));
    expect(records.filter((r) => r !== undefined).map((r) => r.status)).toEqual([
      "interrupted",
      "interrupted",
    ]);
  }, 120_000);
});
