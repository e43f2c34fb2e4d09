import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listTrialRecords } from "../../src/record/read.ts";
import { tempDir } from "./support/temp.ts";

const CHILD = fileURLToPath(new URL("./support/child-runner.ts", import.meta.url));

function startRunner(runDir: string, log: string) {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, runDir, log, "200"], {
    stdio: "ignore",
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => resolve(code)),
  );
  return { child, exited };
}

async function succeededRecords(runDir: string): Promise<number> {
  let count = 0;
  for await (const record of listTrialRecords(runDir))
    if (record.status === "succeeded") count += 1;
  return count;
}

function completions(log: string): number {
  return existsSync(log) ? readFileSync(log, "utf8").split("\n").length - 1 : 0;
}

async function until(check: () => boolean, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe("a runner killed with SIGKILL", () => {
  it("loses nothing: after kills at random moments, resume completes every trial exactly once", async () => {
    const dir = tempDir();
    const runDir = join(dir, "run");
    const log = join(dir, "completions.log");
    const partial: number[] = [];

    for (let round = 0; round < 4; round += 1) {
      // Each kill lands at a random moment after this round's first trial has
      // finished, so it always interrupts a run under way, whatever the
      // machine's speed.
      const finishedBefore = completions(log);
      const { child, exited } = startRunner(runDir, log);
      await until(() => completions(log) > finishedBefore, 30_000);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 600));
      child.kill("SIGKILL");
      await exited;
      partial.push(await succeededRecords(runDir));
    }

    const { exited } = startRunner(runDir, log);
    expect(await exited).toBe(0);

    expect(partial.some((n) => n > 0 && n < 200)).toBe(true);
    expect(await succeededRecords(runDir)).toBe(200);
    const counts = new Map<string, number>();
    for (const id of readFileSync(log, "utf8").trim().split("\n")) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(counts.size).toBe(200);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
  }, 120_000);
});
