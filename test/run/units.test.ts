import { spawn } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { detectCapacity, detectGpuIds } from "../../src/run/capacity.ts";
import {
  createProgressReporter,
  estimateSeconds,
  formatSeconds,
} from "../../src/run/progress.ts";
import type { RunProgress } from "../../src/run/options.ts";
import { ResourcePool } from "../../src/run/resource-pool.ts";
import { isAlive, readRunnerInfo, takeOverRun } from "../../src/run/runner-lock.ts";
import { paramEnvName, shQuote } from "../../src/run/shell-quote.ts";
import { checkEnvNames } from "../../src/run/trial-env.ts";
import { parseMemoryMiB } from "../../src/cli/commands/run.ts";
import { handPlan } from "./support/plan.ts";
import { tempDir } from "./support/temp.ts";

const progress = (over: Partial<RunProgress>): RunProgress => ({
  total: 10,
  done: 0,
  failed: 0,
  running: 0,
  pending: 10,
  elapsedSeconds: 0,
  ...over,
});

describe("progress output", () => {
  it("prints a plain line at most every interval when not on a terminal", () => {
    const stream = new PassThrough();
    let clock = 0;
    const reporter = createProgressReporter({
      stream,
      interactive: false,
      intervalMs: 5000,
      now: () => clock,
    });

    reporter.update(progress({ running: 2, pending: 8 }));
    clock = 1000;
    reporter.update(progress({ done: 1, running: 2, pending: 7, elapsedSeconds: 1 }));
    clock = 6000;
    reporter.update(
      progress({ done: 5, failed: 1, running: 2, pending: 2, elapsedSeconds: 6 }),
    );
    reporter.finish();

    expect(String(stream.read())).toBe(
      [
        "0/10 done, 0 failed, 2 running, 8 pending, ETA --",
        "5/10 done, 1 failed, 2 running, 2 pending, ETA 4s",
        "5/10 done, 1 failed, 2 running, 2 pending, ETA 4s",
        "",
      ].join("\n"),
    );
  });

  it("redraws one bar in place on a terminal and says nothing when quiet", () => {
    const stream = new PassThrough();
    const reporter = createProgressReporter({ stream, interactive: true, now: () => 0 });
    const quiet = createProgressReporter({
      stream: new PassThrough(),
      interactive: true,
      quiet: true,
    });

    reporter.update(progress({ done: 5, pending: 5, elapsedSeconds: 10 }));
    reporter.finish();
    quiet.update(progress({}));
    quiet.finish();

    expect(String(stream.read())).toBe(
      `\r\x1b[2K[############............] 5/10 done, 0 failed, 0 running, 5 pending, ETA --` +
        `\r\x1b[2K[############............] 5/10 done, 0 failed, 0 running, 5 pending, ETA --\n`,
    );
  });

  it("formats durations and estimates from the rate of this invocation only", () => {
    expect(formatSeconds(Infinity)).toBe("--");
    expect(formatSeconds(59.4)).toBe("59s");
    expect(formatSeconds(61)).toBe("1m01s");
    expect(formatSeconds(3 * 3600 + 5 * 60)).toBe("3h05m");
    expect(
      estimateSeconds(progress({ done: 6, pending: 4, elapsedSeconds: 10 }), 4),
    ).toBe(20);
    expect(estimateSeconds(progress({ done: 4 }), 4)).toBe(Infinity);
    createProgressReporter({ stream: new PassThrough(), interactive: false }).finish();
  });
});

describe("capacity and packing", () => {
  it("takes GPUs from CUDA_VISIBLE_DEVICES, else nvidia-smi, else none", () => {
    const tools = tempDir();
    writeFileSync(
      join(tools, "nvidia-smi"),
      "#!/bin/sh\necho 'GPU 0: A (UUID: x)'\necho 'GPU 1: B (UUID: y)'\n",
    );
    chmodSync(join(tools, "nvidia-smi"), 0o755);

    expect(detectGpuIds({ CUDA_VISIBLE_DEVICES: "3, 5" })).toEqual(["3", "5"]);
    expect(detectGpuIds({ PATH: tools })).toEqual(["0", "1"]);
    expect(detectGpuIds({ PATH: tempDir() })).toEqual([]);
    expect(detectCapacity({ CUDA_VISIBLE_DEVICES: "" })).toMatchObject({ gpus: 0 });
  });

  it("admits a request only while cpus, memory and gpus all fit, and hands GPUs back", () => {
    const pool = new ResourcePool({ cpus: 4, memoryMiB: 100, gpus: 2 }, ["7"]);
    const request = { cpus: 2, memoryMiB: 60, gpus: 1, walltimeSeconds: 0 };

    const first = pool.tryAcquire(request);
    const second = pool.tryAcquire(request);
    pool.release(first!);
    const third = pool.tryAcquire({ ...request, gpus: 2 });

    expect(first?.gpuIds).toEqual(["7"]);
    expect(second).toBeUndefined();
    expect(third?.gpuIds).toEqual(["1", "7"]);
    expect(pool.fitsAtAll({ ...request, gpus: 3 })).toBe(false);
  });

  it("reads memory sizes the way people write them", () => {
    expect(parseMemoryMiB("512M")).toBe(512);
    expect(parseMemoryMiB("16G")).toBe(16384);
    expect(parseMemoryMiB("1.5GiB")).toBe(1536);
    expect(parseMemoryMiB("2048")).toBe(2048);
    expect(parseMemoryMiB("1T")).toBe(1048576);
    expect(parseMemoryMiB("4096K")).toBe(4);
    expect(parseMemoryMiB("lots")).toBeUndefined();
  });
});

describe("quoting and names", () => {
  it("quotes any value so sh reads it back unchanged", async () => {
    const value = `it's $(x) \`y\` ; \n "z" \\`;
    const child = spawn("/bin/sh", ["-c", `printf '%s' ${shQuote(value)}`]);
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    await new Promise((resolve) => child.on("exit", resolve));

    expect(out).toBe(value);
    expect(paramEnvName("learning-rate")).toBe("SWEEPFORGE_PARAM_LEARNING_RATE");
  });

  it("rejects environment names a shell cannot export, naming the step", () => {
    const plan = handPlan("names", [
      { name: "s", argv: () => ["true"], env: { "BAD-NAME": "1", OK: "2" } },
    ]);
    const error = (() => {
      try {
        checkEnvNames([...plan.steps[0]!.trials]);
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      expect.objectContaining({
        code: "run/bad-env-name",
        path: ["steps", "s", "env", "BAD-NAME"],
      }),
    ]);
  });
});

describe("taking over a run directory", () => {
  it("refuses while another live runner owns it", async () => {
    const run = tempDir();
    const other = spawn("/bin/sleep", ["30"]);
    writeFileSync(
      join(run, "runner.json"),
      JSON.stringify({
        pid: other.pid,
        host: hostname(),
        startedAt: "x",
        workers: [],
      }),
    );

    await expect(takeOverRun(run)).rejects.toThrow(/is being run by process/);
    other.kill();
  });

  it("stops the workers a killed runner left behind, and only those", async () => {
    const run = tempDir();
    const worker = spawn("/bin/sh", ["-s", "sweepforge-worker", run], {
      stdio: ["pipe", "ignore", "ignore"],
    });
    const stranger = spawn("/bin/sleep", ["30"]);
    const exited = new Promise((resolve) => worker.on("exit", resolve));
    writeFileSync(
      join(run, "runner.json"),
      JSON.stringify({
        pid: 2 ** 22 + 1,
        host: hostname(),
        startedAt: "x",
        workers: [worker.pid, stranger.pid],
      }),
    );

    await takeOverRun(run);
    await exited;

    expect(isAlive(stranger.pid!)).toBe(true);
    stranger.kill();
    expect(await readRunnerInfo(join(run, "missing"))).toBeUndefined();
  });

  it("also stops workers runner.json could not list, and none of another run", async () => {
    const run = tempDir();
    const start = (dir: string) => {
      const worker = spawn("/bin/sh", ["-s", "sweepforge-worker", dir], {
        stdio: ["pipe", "ignore", "ignore"],
      });
      const exited = new Promise((resolve) => worker.on("exit", resolve));
      return { worker, exited };
    };
    const unlisted = start(run);
    const otherRun = start(`${run}-2`);

    await takeOverRun(run);
    await unlisted.exited;

    expect(isAlive(otherRun.worker.pid!)).toBe(true);
    otherRun.worker.kill();
    expect((await readRunnerInfo(run))?.pid).toBe(process.pid);
  });

  it("ignores a runner file from another host", async () => {
    const run = tempDir();
    writeFileSync(
      join(run, "runner.json"),
      JSON.stringify({
        pid: process.pid,
        host: "elsewhere",
        startedAt: "x",
        workers: [process.pid],
      }),
    );

    await expect(takeOverRun(run)).resolves.toBeUndefined();
  });
});
