import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTrialRecord } from "../../src/record/read.ts";
import { trialSpecLine } from "../../src/record/trial-spec.ts";
import { readPeakMemory } from "../../src/run/finalize.ts";
import { MemorySampler } from "../../src/run/memory-sampler.ts";
import { runPlan } from "../../src/run/runner.ts";
import { trialEnvironment } from "../../src/run/trial-env.ts";
import { WRAPPER_PATH } from "../../src/run/wrapper-path.ts";
import { handPlan } from "./support/plan.ts";
import { tempDir } from "./support/temp.ts";

const MIB = 1024;

// A parent that holds 120 MiB while its child holds 80 MiB, both for ~1 s, then
// burns ~0.3 s of CPU in the child: the tree's peak is about 200 MiB.
const TREE = `
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c",
  "import time\\nb = b'\\\\x01' * (80 << 20)\\ntime.sleep(1.2)\\nt = time.process_time()\\n"
  "while time.process_time() - t < 0.3: pass"])
held = b"\\x01" * (120 << 20)
time.sleep(1.2)
child.wait()
`;

const plan = (experiment: string) =>
  handPlan(experiment, [
    {
      name: "m",
      argv: () => ["python3", "-c", TREE],
    },
  ]);

/** Peak of the tree: both allocations plus two interpreters, with slack for sampling. */
function expectTreePeak(kib: number | null): void {
  expect(kib).not.toBeNull();
  expect(kib!).toBeGreaterThanOrEqual(200 * MIB);
  expect(kib!).toBeLessThan(200 * MIB + 100 * MIB);
}

describe("peak memory and CPU time of a trial's process tree", () => {
  it("records the summed peak of parent and child under the local runner", async () => {
    const dir = tempDir();
    const summary = await runPlan(plan("mem"), {
      runDir: join(dir, "run"),
      skipEnvironment: true,
    });

    expect(summary.succeeded).toBe(1);
    const record = await readTrialRecord(join(dir, "run"), "m-00000");
    expectTreePeak(record!.peakMemoryKiB);
    expect(record!.cpuSeconds!).toBeGreaterThanOrEqual(0.3);
  });

  it("records the same peak when the wrapper runs alone, as on a cluster node", () => {
    const trialDir = join(tempDir(), "trials", "m-00000");
    const trial = plan("alone").steps[0]!.trials.at(0);
    mkdirSync(trialDir, { recursive: true });
    writeFileSync(join(trialDir, "params.json"), `${trialSpecLine(trial)}\n`);

    const result = spawnSync("/bin/sh", [WRAPPER_PATH, trialDir, "--", ...trial.argv], {
      env: { ...process.env, ...Object.fromEntries(trialEnvironment(trial, 1, null)) },
      encoding: "utf8",
    });

    expect(result.status).toBe(0);
    const record = JSON.parse(readFileSync(join(trialDir, "record.json"), "utf8"));
    expectTreePeak(record.peakMemoryKiB);
    expect(record.cpuSeconds).toBeGreaterThanOrEqual(0.3);
  });

  it("keeps the largest sampled value and ignores torn lines", () => {
    const file = join(tempDir(), ".memory");
    writeFileSync(file, "1200\n5400\n3000\n54");

    expect(readPeakMemory(file)).toBe(5400);
  });

  it("reports null when the trial was never sampled", () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".memory"), "");

    expect(readPeakMemory(join(dir, "absent"))).toBeNull();
    expect(readPeakMemory(join(dir, ".memory"))).toBeNull();
  });

  it("samples a live process from the runner, and a short one not at all", async () => {
    const dir = tempDir();
    const child = spawn("python3", [
      "-c",
      "b = b'\\x01' * (60 << 20)\nimport time\ntime.sleep(0.6)",
    ]);
    const sampler = new MemorySampler();
    const long = { root: child.pid!, group: -1, leader: -1, file: join(dir, "long") };
    const short = { root: child.pid!, group: -1, leader: -1, file: join(dir, "short") };

    sampler.track(long);
    sampler.track(short);
    expect(sampler.release(short)).toBeNull();
    await new Promise((resolve) => child.on("exit", resolve));
    const peak = sampler.release(long);
    sampler.close();

    expect(peak).toBeGreaterThanOrEqual(60 * MIB);
    expect(peak).toBeLessThan(60 * MIB + 40 * MIB);
    expect(readPeakMemory(join(dir, "long"))).toBe(peak);
  });

  it("samples nothing where /proc is absent", () => {
    const sampler = new MemorySampler(join(tempDir(), "no-proc"));
    const trial = {
      root: process.pid,
      group: -1,
      leader: -1,
      file: join(tempDir(), "m"),
    };

    sampler.track(trial);

    expect(sampler.release(trial)).toBeNull();
  });
});
