import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrateTrialRecord } from "../../src/record/migrate.ts";
import { readTrialRecord } from "../../src/record/read.ts";
import { trialSpecLine } from "../../src/record/trial-spec.ts";
import type { TrialSpec } from "../../src/plan/types.ts";
import { runPlan } from "../../src/run/runner.ts";
import { trialEnvironment } from "../../src/run/trial-env.ts";
import { WRAPPER_PATH } from "../../src/run/wrapper-path.ts";
import { handPlan } from "./support/plan.ts";
import { tempDir } from "./support/temp.ts";

const SCRIPT = `printf 'hello\\n' > "$SWEEPFORGE_OUTPUT_DIR/out.txt"
mkdir -p "$SWEEPFORGE_OUTPUT_DIR/sub"; printf '' > "$SWEEPFORGE_OUTPUT_DIR/sub/empty"
printf '{"loss": %s, "param": "%s"}\\n' "$1" "$SWEEPFORGE_PARAM_NAME" > "$SWEEPFORGE_OUTPUT_DIR/metrics.json"
echo '{"step": 1}' >> "$SWEEPFORGE_OUTPUT_DIR/progress.jsonl"
echo 'not json' >> "$SWEEPFORGE_OUTPUT_DIR/progress.jsonl"
echo out; exit "$2"`;

function spec(dir: string, exit: number, extra: Partial<TrialSpec> = {}): TrialSpec {
  return {
    id: "w-00000",
    step: "w",
    index: 0,
    point: 0,
    params: { name: "a b", loss: 0.5 },
    replicate: 0,
    seed: 11,
    argv: ["/bin/sh", "-c", SCRIPT, "sh", "0.5", String(exit)],
    env: {},
    dependsOn: [],
    resources: { cpus: 1, memoryMiB: 0, gpus: 0, walltimeSeconds: 0 },
    ...extra,
  };
}

/** Runs the wrapper the way a cluster array task does. */
function runWrapper(
  trialDir: string,
  trial: TrialSpec,
  env: Record<string, string> = {},
) {
  mkdirSync(trialDir, { recursive: true });
  if (!env.SWEEPFORGE_TRIAL_SPEC)
    writeFileSync(join(trialDir, "params.json"), `${trialSpecLine(trial)}\n`);
  return spawnSync("/bin/sh", [WRAPPER_PATH, trialDir, "--", ...trial.argv], {
    env: {
      ...process.env,
      ...Object.fromEntries(trialEnvironment(trial, 1, null)),
      ...env,
    },
    encoding: "utf8",
  });
}

describe("the shell trial wrapper", () => {
  it("leaves a complete, valid record on its own, with no Node involved", () => {
    const dir = join(tempDir(), "trials", "w-00000");
    const trial = spec(dir, 0);

    const result = runWrapper(dir, trial, {
      SWEEPFORGE_BACKEND: "slurm",
      SWEEPFORGE_JOB_ID: "4242",
      SWEEPFORGE_ARRAY_INDEX: "3",
      CUDA_VISIBLE_DEVICES: "2,3",
      SWEEPFORGE_ATTEMPT: "2",
    });

    expect(result.status).toBe(0);
    const record = migrateTrialRecord(
      JSON.parse(readFileSync(join(dir, "record.json"), "utf8")),
    );
    expect(record).toMatchObject({
      trialId: "w-00000",
      status: "succeeded",
      exitCode: 0,
      signal: null,
      attempt: 2,
      backend: "slurm",
      job: { id: "4242", arrayIndex: 3 },
      gpuDevices: ["2", "3"],
      metrics: { loss: 0.5, param: "a b" },
      progress: [{ step: 1 }],
      outputs: [
        {
          path: "out.txt",
          size: 6,
          sha256: "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03",
        },
        {
          path: "sub/empty",
          size: 0,
          sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        },
      ],
    });
    expect(readFileSync(join(dir, "stdout.log"), "utf8")).toBe("out\n");
    expect(Date.parse(record!.endedAt)).toBeGreaterThanOrEqual(
      Date.parse(record!.startedAt),
    );
  });

  it("writes the same record as the local runner, apart from time, host and backend", async () => {
    const root = tempDir();
    const wrapperDir = join(root, "alone", "trials", "w-00000");
    const trial = spec(wrapperDir, 0);
    runWrapper(wrapperDir, trial);
    const plan = handPlan("diff", [
      {
        name: "w",
        params: [{ name: "a b", loss: 0.5 }],
        argv: () => trial.argv,
      },
    ]);
    await runPlan(plan, { runDir: join(root, "runner"), skipEnvironment: true });

    const alone = migrateTrialRecord(
      JSON.parse(readFileSync(join(wrapperDir, "record.json"), "utf8")),
    );
    const local = await readTrialRecord(join(root, "runner"), "w-00000");
    const comparable = (r: typeof local) => {
      const {
        startedAt,
        endedAt,
        durationSeconds,
        cpuSeconds,
        host,
        backend,
        seed,
        ...rest
      } = r!;
      return rest;
    };
    expect(comparable(alone)).toEqual(comparable(local));
  });

  it("records a failure's exit code and returns it", () => {
    const dir = join(tempDir(), "t");

    const result = runWrapper(dir, spec(dir, 5));

    expect(result.status).toBe(5);
    expect(JSON.parse(readFileSync(join(dir, "record.json"), "utf8"))).toMatchObject({
      status: "failed",
      exitCode: 5,
      signal: null,
      backend: "sh",
    });
  });

  it("kills the trial's whole process tree at its walltime and records a timeout", () => {
    const dir = join(tempDir(), "t");
    const pids = join(dir, "..", "pids");
    const trial = spec(dir, 0, {
      argv: ["/bin/sh", "-c", `sleep 60 & echo $! >> '${pids}'; sleep 60`],
    });

    const started = Date.now();
    const result = runWrapper(dir, trial, {
      SWEEPFORGE_WALLTIME: "1",
      SWEEPFORGE_KILL_GRACE: "1",
    });

    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.status).toBe(143);
    expect(JSON.parse(readFileSync(join(dir, "record.json"), "utf8"))).toMatchObject({
      status: "timeout",
      exitCode: null,
      signal: "SIGTERM",
    });
    const child = Number(readFileSync(pids, "utf8").trim());
    const state = existsSync(`/proc/${child}/stat`)
      ? readFileSync(`/proc/${child}/stat`, "utf8").replace(/^.*\) /s, "")[0]
      : "gone";
    expect(["Z", "X", "gone"]).toContain(state);
  });

  it("records the trial as interrupted when the wrapper itself is terminated", async () => {
    const dir = join(tempDir(), "t");
    mkdirSync(dir, { recursive: true });
    const trial = spec(dir, 0, { argv: ["/bin/sleep", "30"] });
    writeFileSync(join(dir, "params.json"), `${trialSpecLine(trial)}\n`);
    const child = spawn("/bin/sh", [WRAPPER_PATH, dir, "--", ...trial.argv], {
      stdio: "ignore",
    });

    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill("SIGTERM");
    const code = await new Promise((resolve) => child.on("exit", (c) => resolve(c)));

    expect(code).toBe(143);
    expect(JSON.parse(readFileSync(join(dir, "record.json"), "utf8"))).toMatchObject({
      status: "interrupted",
      signal: "SIGTERM",
    });
  });

  it("writes params.json from SWEEPFORGE_TRIAL_SPEC when the table carries the spec", () => {
    const dir = join(tempDir(), "t");
    const trial = spec(dir, 0);

    const result = runWrapper(dir, trial, {
      SWEEPFORGE_TRIAL_SPEC: trialSpecLine(trial),
    });

    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, "params.json"), "utf8")).toBe(
      `${trialSpecLine(trial)}\n`,
    );
  });

  it("refuses a call without a trial spec or without a command, exiting 2", () => {
    const dir = join(tempDir(), "t");
    mkdirSync(dir);

    const noSpec = spawnSync("/bin/sh", [WRAPPER_PATH, dir, "--", "true"], {
      encoding: "utf8",
    });
    const noCommand = spawnSync("/bin/sh", [WRAPPER_PATH, dir], { encoding: "utf8" });

    expect(noSpec.status).toBe(2);
    expect(noSpec.stderr).toContain("params.json is missing");
    expect(noCommand.status).toBe(2);
    expect(noCommand.stderr).toContain("usage: sweepforge-trial.sh TRIAL_DIR -- ARGV...");
  });

  it("passes shellcheck as POSIX sh", () => {
    const found = spawnSync("shellcheck", ["--version"]);
    if (found.error) {
      console.warn("shellcheck is not installed: the wrapper lint check did not run");
      return;
    }
    expect(() => execFileSync("shellcheck", ["-s", "sh", WRAPPER_PATH])).not.toThrow();
  });
});
