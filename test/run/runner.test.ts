import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTrialRecord } from "../../src/record/read.ts";
import { readJournal } from "../../src/record/journal.ts";
import { runPlan } from "../../src/run/runner.ts";
import { handPlan } from "./support/plan.ts";
import { tempDir } from "./support/temp.ts";

/** A live process (a zombie awaiting its reaper no longer runs). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) [ZX]/s.test(stat);
  } catch {
    return false;
  }
}

const SH = (script: string, ...args: string[]) => [
  "/bin/sh",
  "-c",
  script,
  "sh",
  ...args,
];

describe("the local runner", () => {
  it("runs every trial once and records exit, outputs, metrics and progress", async () => {
    const dir = tempDir();
    const plan = handPlan("basic", [
      {
        name: "work",
        count: 6,
        argv: (p) =>
          SH(
            `printf 'hello\\n' > "$SWEEPFORGE_OUTPUT_DIR/out.txt"
        printf '{"value": %s}' "$1" > "$SWEEPFORGE_OUTPUT_DIR/metrics.json"
        echo '{"epoch": 1}' >> "$SWEEPFORGE_OUTPUT_DIR/progress.jsonl"
        echo '{"epoch": 2}' >> "$SWEEPFORGE_OUTPUT_DIR/progress.jsonl"
        echo to-stdout; echo to-stderr >&2`,
            String(p.i),
          ),
      },
    ]);

    const summary = await runPlan(plan, {
      runDir: join(dir, "run"),
      jobs: 2,
      skipEnvironment: true,
    });

    expect(summary).toMatchObject({ total: 6, succeeded: 6, failed: [], interrupted: 0 });
    for (let i = 0; i < 6; i += 1) {
      const id = `work-0000${i}`;
      const record = await readTrialRecord(join(dir, "run"), id);
      expect(record).toMatchObject({
        trialId: id,
        step: "work",
        index: i,
        status: "succeeded",
        exitCode: 0,
        signal: null,
        attempt: 1,
        backend: "local",
        metrics: { value: i },
        progress: [{ epoch: 1 }, { epoch: 2 }],
        outputs: [
          {
            path: "out.txt",
            size: 6,
            sha256: "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03",
          },
        ],
      });
      const trial = join(dir, "run", "trials", id);
      expect(readFileSync(join(trial, "stdout.log"), "utf8")).toBe("to-stdout\n");
      expect(readFileSync(join(trial, "stderr.log"), "utf8")).toBe("to-stderr\n");
      expect(JSON.parse(readFileSync(join(trial, "params.json"), "utf8"))).toMatchObject({
        trialId: id,
        params: { i },
      });
    }
    const events = (await readJournal(join(dir, "run"))).map((e) => e.event);
    expect(events.filter((e) => e === "trial-ended")).toHaveLength(6);
    expect(events[0]).toBe("run-started");
    expect(events.at(-1)).toBe("run-ended");
  });

  it("hands parameters full of shell metacharacters over byte-identical, executing nothing", async () => {
    const dir = tempDir();
    const canary = join(dir, "CANARY");
    const payloads = [
      `a b  c`,
      `it's "quoted"`,
      `; touch ${canary}`,
      `$(touch ${canary})`,
      `\`touch ${canary}\``,
      `line one\nline two; touch ${canary}`,
      `'; touch ${canary}; '`,
      `\\ backslash \\n not a newline`,
      `tab\there`,
      `*`,
      `$HOME`,
      `--flag=1`,
    ];
    const plan = handPlan("inject", [
      {
        name: "echo",
        params: payloads.map((v) => ({ v })),
        argv: (p) =>
          SH(
            `printf '%s' "$1" > "$SWEEPFORGE_OUTPUT_DIR/argv"
        printf '%s' "$SWEEPFORGE_PARAM_V" > "$SWEEPFORGE_OUTPUT_DIR/env"
        printf '%s' "$SWEEPFORGE_PARAMS" > "$SWEEPFORGE_OUTPUT_DIR/json"`,
            String(p.v),
          ),
      },
    ]);

    const summary = await runPlan(plan, {
      runDir: join(dir, "run"),
      skipEnvironment: true,
    });

    expect(summary.succeeded).toBe(payloads.length);
    payloads.forEach((value, i) => {
      const at = join(
        dir,
        "run",
        "trials",
        `echo-${String(i).padStart(5, "0")}`,
        "output",
      );
      expect(readFileSync(join(at, "argv"), "utf8")).toBe(value);
      expect(readFileSync(join(at, "env"), "utf8")).toBe(value);
      expect(JSON.parse(readFileSync(join(at, "json"), "utf8"))).toEqual({ v: value });
    });
    expect(existsSync(canary)).toBe(false);
    expect(readdirSync(dir)).toEqual(["run"]);
  });

  it("never runs more than the capacity's cpus, memory or gpus at once", async () => {
    const dir = tempDir();
    const locks = join(dir, "locks");
    const log = join(dir, "observed");
    const script = `mkdir -p "$LOCKS"; printf '%s %s %s\\n' "$1" "$2" "$CUDA_VISIBLE_DEVICES" \
        > "$LOCKS/$SWEEPFORGE_TRIAL_ID"
      cat "$LOCKS"/* >> "$LOG.$SWEEPFORGE_TRIAL_ID"; sleep 0.05; rm "$LOCKS/$SWEEPFORGE_TRIAL_ID"`;
    const plan = handPlan("bounds", [
      {
        name: "small",
        count: 12,
        resources: { cpus: 1, memoryMiB: 300, gpus: 1 },
        env: { LOCKS: locks, LOG: log },
        argv: () => SH(script, "1", "300"),
      },
      {
        name: "big",
        count: 6,
        resources: { cpus: 2, memoryMiB: 600, gpus: 0 },
        env: { LOCKS: locks, LOG: log },
        argv: () => SH(script, "2", "600"),
      },
    ]);

    const summary = await runPlan(plan, {
      runDir: join(dir, "run"),
      jobs: 8,
      skipEnvironment: true,
      capacity: { cpus: 3, memoryMiB: 1000, gpus: 2 },
      env: { ...process.env, CUDA_VISIBLE_DEVICES: "0,1" },
    });

    expect(summary.succeeded).toBe(18);
    const snapshots = readdirSync(dir)
      .filter((f) => f.startsWith("observed."))
      .map((f) =>
        readFileSync(join(dir, f), "utf8")
          .trim()
          .split("\n")
          .map((l) => l.split(" ")),
      );
    expect(snapshots).toHaveLength(18);
    for (const snapshot of snapshots) {
      const cpus = snapshot.reduce((sum, [c]) => sum + Number(c), 0);
      const memory = snapshot.reduce((sum, [, m]) => sum + Number(m), 0);
      const gpus = snapshot.map(([, , g]) => g).filter(Boolean);
      expect(cpus).toBeLessThanOrEqual(3);
      expect(memory).toBeLessThanOrEqual(1000);
      expect(new Set(gpus).size).toBe(gpus.length);
      for (const gpu of gpus) expect(["0", "1"]).toContain(gpu);
    }
  });

  it("starts a per-trial dependent as soon as its own parent succeeded, and an all-step last", async () => {
    const dir = tempDir();
    const log = join(dir, "order.log");
    const note = (what: string) => `echo "${what} $SWEEPFORGE_STEP $1" >> "${log}"`;
    const plan = handPlan("dag", [
      {
        name: "a",
        count: 2,
        argv: (p) =>
          SH(`${note("start")}; [ "$1" = 1 ] && sleep 1; ${note("end")}`, String(p.i)),
      },
      {
        name: "b",
        count: 2,
        dependsOn: [{ step: "a", mode: "each" }],
        argv: (p) => SH(`${note("start")}; ${note("end")}`, String(p.i)),
      },
      {
        name: "c",
        count: 1,
        dependsOn: [{ step: "b", mode: "all" }],
        argv: (p) => SH(`${note("start")}; ${note("end")}`, String(p.i)),
      },
    ]);

    const summary = await runPlan(plan, {
      runDir: join(dir, "run"),
      jobs: 3,
      skipEnvironment: true,
    });

    expect(summary.succeeded).toBe(5);
    const lines = readFileSync(log, "utf8").trim().split("\n");
    const at = (line: string) => lines.indexOf(line);
    expect(at("start b 0")).toBeGreaterThan(at("end a 0"));
    expect(at("start b 0")).toBeLessThan(at("end a 1"));
    expect(at("start b 1")).toBeGreaterThan(at("end a 1"));
    expect(at("start c 0")).toBeGreaterThan(Math.max(at("end b 0"), at("end b 1")));
  });

  it("retries a failing trial with backoff until it succeeds", async () => {
    const dir = tempDir();
    const plan = handPlan("retry", [
      {
        name: "flaky",
        count: 1,
        retries: 2,
        argv: () =>
          SH(
            `n=$(cat "$0.count" 2>/dev/null || echo 0); n=$((n + 1))
        echo "$n" > "$0.count"; [ "$n" -ge 3 ]`.replace(/\$0/g, join(dir, "attempts")),
          ),
      },
    ]);

    const summary = await runPlan(plan, {
      runDir: join(dir, "run"),
      retryBackoffMs: 10,
      skipEnvironment: true,
    });

    expect(summary.succeeded).toBe(1);
    const record = await readTrialRecord(join(dir, "run"), "flaky-00000");
    expect(record).toMatchObject({ status: "succeeded", attempt: 3 });
    const ends = (await readJournal(join(dir, "run"))).filter(
      (e) => e.event === "trial-ended",
    );
    expect(ends.map((e) => e.status)).toEqual(["failed", "failed", "succeeded"]);
  });

  it("names finally failed trials with their exit code and log paths, and skips their dependents", async () => {
    const dir = tempDir();
    const plan = handPlan("fail", [
      {
        name: "a",
        count: 3,
        argv: (p) => SH(`echo boom >&2; exit "$1"`, String(p.i === 1 ? 7 : 0)),
      },
      {
        name: "b",
        count: 3,
        dependsOn: [{ step: "a", mode: "each" }],
        argv: () => ["true"],
      },
    ]);

    const summary = await runPlan(plan, {
      runDir: join(dir, "run"),
      retries: 1,
      retryBackoffMs: 5,
      skipEnvironment: true,
    });

    expect(summary.succeeded).toBe(4);
    expect(summary.skipped).toBe(1);
    expect(summary.failed).toEqual([
      {
        trialId: "a-00001",
        step: "a",
        params: { i: 1 },
        status: "failed",
        exitCode: 7,
        signal: null,
        attempts: 2,
        stdout: join(dir, "run", "trials", "a-00001", "stdout.log"),
        stderr: join(dir, "run", "trials", "a-00001", "stderr.log"),
      },
    ]);
    expect(readFileSync(summary.failed[0]!.stderr, "utf8")).toBe("boom\n");
    expect(await readTrialRecord(join(dir, "run"), "b-00001")).toBeUndefined();
  });

  it("kills the whole process tree of a trial that exceeds its walltime", async () => {
    const dir = tempDir();
    const pids = join(dir, "pids");
    const plan = handPlan("walltime", [
      {
        name: "slow",
        count: 1,
        resources: { walltimeSeconds: 1 },
        argv: () =>
          SH(`sleep 60 & echo $! >> "${pids}"; sh -c 'sleep 60 & echo $! >> "${pids}"; wait' &
        wait`),
      },
    ]);

    const started = Date.now();
    const summary = await runPlan(plan, {
      runDir: join(dir, "run"),
      killGraceMs: 500,
      skipEnvironment: true,
    });

    expect(Date.now() - started).toBeLessThan(15_000);
    expect(summary.failed[0]).toMatchObject({ status: "timeout", signal: "SIGTERM" });
    const record = await readTrialRecord(join(dir, "run"), "slow-00000");
    expect(record).toMatchObject({
      status: "timeout",
      exitCode: null,
      signal: "SIGTERM",
    });
    const children = readFileSync(pids, "utf8").trim().split("\n").map(Number);
    expect(children).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const pid of children) expect(isRunning(pid)).toBe(false);
  });

  it("stops on abort, records running trials as interrupted, and --resume finishes only the rest", async () => {
    const dir = tempDir();
    const done = join(dir, "completed.log");
    const plan = handPlan("interrupt", [
      {
        name: "t",
        count: 6,
        argv: (p) =>
          SH(`sleep "$2"; echo "$1" >> "${done}"`, String(p.i), p.i === 0 ? "0" : "0.6"),
      },
    ]);
    const abort = new AbortController();
    const runDir = join(dir, "run");

    const first = await runPlan(plan, {
      runDir,
      jobs: 2,
      skipEnvironment: true,
      signal: abort.signal,
      killGraceMs: 500,
      onProgress: (p) => {
        if (p.done >= 1) abort.abort();
      },
    });

    expect(first.stoppedBy).toBe("signal");
    expect(first.interrupted).toBeGreaterThanOrEqual(1);
    expect(first.notStarted).toBeGreaterThanOrEqual(1);
    const interrupted = (
      await Promise.all(["t-00001", "t-00002"].map((id) => readTrialRecord(runDir, id)))
    ).filter((r) => r?.status === "interrupted");
    expect(interrupted.length).toBeGreaterThanOrEqual(1);

    const second = await runPlan(plan, {
      runDir,
      resume: true,
      jobs: 3,
      skipEnvironment: true,
    });

    expect(second.alreadyDone).toBe(first.succeeded);
    expect(second.succeeded + second.alreadyDone).toBe(6);
    const completions = readFileSync(done, "utf8").trim().split("\n").sort();
    expect(completions).toEqual(["0", "1", "2", "3", "4", "5"]);
  });

  it("stops launching after the first final failure with --fail-fast", async () => {
    const dir = tempDir();
    const plan = handPlan("failfast", [
      {
        name: "t",
        count: 20,
        argv: (p) => SH(`[ "$1" != 0 ] || exit 3; sleep 0.2`, String(p.i)),
      },
    ]);

    const summary = await runPlan(plan, {
      runDir: join(dir, "run"),
      jobs: 2,
      failFast: true,
      skipEnvironment: true,
      killGraceMs: 500,
    });

    expect(summary.stoppedBy).toBe("fail-fast");
    expect(summary.failed.map((f) => f.trialId)).toEqual(["t-00000"]);
    expect(summary.notStarted).toBeGreaterThan(10);
  });

  it("refuses a trial that asks for more than the machine offers, before running anything", async () => {
    const dir = tempDir();
    const plan = handPlan("huge", [
      {
        name: "fat",
        count: 2,
        resources: { cpus: 64 },
        argv: () => ["true"],
      },
    ]);

    await expect(
      runPlan(plan, {
        runDir: join(dir, "run"),
        capacity: { cpus: 4 },
        skipEnvironment: true,
      }),
    ).rejects.toThrow(/asks for 64 cpus.*offers 4 cpus/);
    expect(existsSync(join(dir, "run"))).toBe(false);
  });

  it("writes env.json with the redacted environment when capture is on", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "x"), "");
    const plan = handPlan("env", [{ name: "t", count: 1, argv: () => ["true"] }]);

    await runPlan(plan, {
      runDir: join(dir, "run"),
      cwd: dir,
      env: { ...process.env, API_TOKEN: "hunter2" },
    });

    const env = readFileSync(join(dir, "run", "env.json"), "utf8");
    expect(env).not.toContain("hunter2");
    expect(JSON.parse(env).variables.API_TOKEN).toBe("[redacted]");
  });

  it("launches ready trials in the order the scheduling hook gives, holding deferred ones", async () => {
    const dir = tempDir();
    const log = join(dir, "order.log");
    const plan = handPlan("hooks", [
      {
        name: "t",
        count: 4,
        argv: (p) => SH(`echo "$1" >> "${log}"`, String(p.i)),
      },
    ]);
    // Measured from the first launch decision, so a slow start cannot use up the hold.
    let heldUntil = 0;

    await runPlan(plan, {
      runDir: join(dir, "run"),
      jobs: 1,
      skipEnvironment: true,
      order: (a, b) => b.index - a.index,
      holdUntil: (trial, now) => {
        heldUntil ||= now.getTime() + 700;
        return trial.index === 3 ? new Date(heldUntil) : null;
      },
    });

    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual(["2", "1", "0", "3"]);
    const held = await readTrialRecord(join(dir, "run"), "t-00003");
    expect(Date.parse(held!.startedAt)).toBeGreaterThanOrEqual(heldUntil - 5);
  });

  it("catalogues the plan's declared inputs in inputs.json", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mesh.txt"), "abc");
    const plan = {
      ...handPlan("inputs", [{ name: "t", count: 1, argv: () => ["true"] }]),
      inputs: [
        { name: "mesh", location: "mesh.txt" },
        { name: "raw", location: "s3://b/k" },
      ],
    };

    await runPlan(plan, {
      runDir: join(dir, "run"),
      cwd: dir,
      skipEnvironment: true,
      inputCacheFile: join(dir, "cache.json"),
    });

    expect(JSON.parse(readFileSync(join(dir, "run", "inputs.json"), "utf8"))).toEqual({
      schemaVersion: 1,
      inputs: [
        {
          name: "mesh",
          kind: "file",
          location: join(dir, "mesh.txt"),
          size: 3,
          sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        },
        { name: "raw", kind: "reference", location: "s3://b/k", scheme: "s3" },
      ],
    });
  });

  it("kills a trial that ignores TERM at its walltime with KILL and records the timeout", async () => {
    const dir = tempDir();
    const plan = handPlan("stubborn", [
      {
        name: "t",
        count: 2,
        resources: { walltimeSeconds: 1 },
        argv: (p) => SH(`[ "$1" = 0 ] || exit 0; trap '' TERM; sleep 30`, String(p.i)),
      },
    ]);

    const started = Date.now();
    const summary = await runPlan(plan, {
      runDir: join(dir, "run"),
      jobs: 1,
      killGraceMs: 300,
      skipEnvironment: true,
    });

    expect(Date.now() - started).toBeLessThan(15_000);
    expect(summary.failed).toEqual([
      expect.objectContaining({
        trialId: "t-00000",
        status: "timeout",
        signal: "SIGKILL",
        exitCode: null,
      }),
    ]);
    expect(summary.succeeded).toBe(1);
  });
});
