import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerEstimate } from "../../src/cli/commands/estimate.ts";
import type { CliIO } from "../../src/cli/io.ts";
import { reportError } from "../../src/cli/main.ts";

// Runs `sweepforge estimate …` in-process through the real command module.
async function estimate(args: readonly string[], cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const io: CliIO = { stdout, stderr, interactive: false, cwd, env: process.env };

  let code = 0;
  const program = new Command("sweepforge")
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: (s) => stderr.write(s) });
  registerEstimate(program, {
    io,
    setExitCode: (c) => {
      code = c;
    },
  });
  try {
    await program.parseAsync(["estimate", ...args], { from: "user" });
  } catch (error) {
    code = reportError(error, io, false, args.includes("--json"));
  }
  return {
    code,
    stdout: Buffer.concat(out).toString(),
    stderr: Buffer.concat(err).toString(),
  };
}

const DEFINITION = `name: naps
seed: 1
params:
  t: [0.05, 0.1, 0.2, 0.4]
  mode: [a, b]
steps:
  nap:
    run: [sleep, "{t}"]
    resources: { cpus: 1, memory: 64MiB, time: 2m }
`;

function record(id: string, t: number, mode: string, seconds: number) {
  return {
    schemaVersion: 1,
    trialId: id,
    step: "nap",
    index: 0,
    params: { t, mode },
    replicate: 0,
    seed: 1,
    argv: ["sleep", String(t)],
    attempt: 1,
    status: "succeeded",
    exitCode: 0,
    signal: null,
    host: "box",
    backend: "local",
    startedAt: "2026-12-01T10:00:00.000Z",
    endedAt: "2026-12-01T10:00:01.000Z",
    durationSeconds: seconds,
    peakMemoryKiB: 2048,
    cpuSeconds: 0,
    resources: { cpus: 1, memoryMiB: 64, gpus: 0, walltimeSeconds: 120 },
    outputs: [],
    metrics: {},
    progress: [],
  };
}

describe("sweepforge estimate", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sweepforge-estimate-"));
    await writeFile(join(dir, "naps.yaml"), DEFINITION);
    // An earlier run: runtime = 100 × t seconds exactly, for both modes.
    const run = join(dir, "runs", "naps", "20261201T100000Z-abc123");
    await mkdir(join(run, "trials"), { recursive: true });
    await writeFile(join(run, "plan.json"), JSON.stringify({ experiment: "naps" }));
    let i = 0;
    for (const t of [0.05, 0.1, 0.2, 0.4, 0.8]) {
      for (const mode of ["a", "b"]) {
        const id = `r${i++}`;
        await mkdir(join(run, "trials", id));
        await writeFile(
          join(run, "trials", id, "record.json"),
          JSON.stringify(record(id, t, mode, 100 * t)),
        );
      }
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("fits models from the experiment's earlier runs and prints cost per step", async () => {
    const { code, stderr, stdout } = await estimate(["naps.yaml"], dir);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain("experiment naps: 10 observation(s) from 1 past run(s)");
    expect(stderr).toContain("step nap: 8 trials, 10 sample(s)");
    expect(stderr).toMatch(/runtime power-law: 100 × t\^1\.00 s {2}\(R² 1\.00/);
    // 2 × (5 + 10 + 20 + 40) s = 150 s = 0.042 core-hours.
    expect(stderr).toContain("cost: 0.042 core-hours expected");
    expect(stderr).toContain("request: --time=00:01:00 --mem=128M");
  });

  it("prints the same report as JSON, models with fit quality and sample count", async () => {
    const { code, stdout } = await estimate(["naps.yaml", "--json"], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.sources.observations).toBe(10);
    const runtime = report.steps[0].runtime[0];
    expect(runtime).toMatchObject({ kind: "power-law", samples: 10, group: {} });
    expect(runtime.terms[0].coefficient).toBeCloseTo(1, 6);
    expect(runtime.rSquared).toBeCloseTo(1, 6);
    expect(report.steps[0].request.slurmTime).toBe("00:01:00");
  });

  it("uses the declared resources when pointed at an empty history", async () => {
    await mkdir(join(dir, "elsewhere"), { recursive: true });
    const { code, stdout } = await estimate(
      ["naps.yaml", "--history", "elsewhere", "--json"],
      dir,
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.steps[0].runtime).toEqual([]);
    expect(report.steps[0].request).toMatchObject({
      slurmTime: "00:02:00",
      basis: "declared resources, rounded up",
    });
  });

  it("runs a pilot spread over the space and estimates from its records", async () => {
    const { code, stdout, stderr } = await estimate(
      ["naps.yaml", "--history", "elsewhere", "--pilot", "3", "--json"],
      dir,
    );
    expect(stderr).toContain("pilot: running 3 trial(s) of nap");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.sources.pilot.trials).toBe(3);
    expect(report.sources.observations).toBe(3);
    expect(report.steps[0].runtime[0]).toMatchObject({ kind: "constant", samples: 3 });
    const runs = await readdir(join(dir, "runs", "naps"));
    expect(runs).toHaveLength(2);
  });

  it("rejects bad flags with exit code 2, naming the flag", async () => {
    const { code, stderr } = await estimate(["naps.yaml", "--pilot", "none"], dir);
    expect(code).toBe(2);
    expect(stderr).toContain("--pilot: must be a whole number");
    const quantile = await estimate(["naps.yaml", "--quantile", "1.5"], dir);
    expect(quantile.stderr).toContain("--quantile: must be below 1");
  });
});
