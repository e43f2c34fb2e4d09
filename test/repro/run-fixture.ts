// Builds small run directories by hand, exactly in the layout and schemas of
// src/record (plan.json, env.json, journal, per-trial params, record, output).
// These are real files a real reader must handle, not stand-ins.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FixtureTrial {
  readonly id: string;
  readonly params: Record<string, number | string | boolean>;
  readonly seed: number;
  readonly metrics: Record<string, number>;
  readonly outputs?: Record<string, string>;
  readonly status?: "succeeded" | "failed";
}

export interface FixtureOptions {
  readonly trials: readonly FixtureTrial[];
  readonly definitionPath?: string;
  readonly definitionHash?: string;
  readonly inputs?: readonly { name: string; location: string }[];
  /** argv for every trial; `{x}` is not interpolated: trials read SWEEPFORGE_PARAM_X. */
  readonly argv?: readonly string[];
  readonly tolerance?: { absolute?: number; relative?: number };
}

export const sha = (text: string | Buffer): string =>
  createHash("sha256").update(text).digest("hex");

export async function tempDir(prefix = "sf-repro-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function fixturePlan(options: FixtureOptions): Record<string, unknown> {
  const argv = options.argv ?? ["/bin/sh", "-c", "echo run"];
  return {
    schemaVersion: 1,
    generator: { name: "sweepforge", version: "0.1.0" },
    experiment: "fixture",
    definition: {
      path: options.definitionPath ?? "experiment.yaml",
      format: options.definitionPath?.endsWith(".ts") ? "ts" : "yaml",
      hash: options.definitionHash ?? "0".repeat(64),
    },
    seed: 7,
    space: {
      size: String(options.trials.length),
      selected: options.trials.length,
      method: "grid",
      replicates: 1,
    },
    params: [{ name: "x", kind: "numeric", scale: "linear", origin: "swept" }],
    metrics: [
      { name: "y", ...(options.tolerance ? { tolerance: options.tolerance } : {}) },
    ],
    steps: [
      {
        name: "sim",
        dependsOn: [],
        outputs: ["result.txt"],
        requeue: false,
        heavy: false,
        retries: 0,
        trials: options.trials.map((trial, index) => ({
          id: trial.id,
          step: "sim",
          index,
          point: index,
          params: trial.params,
          replicate: 0,
          seed: trial.seed,
          argv,
          env: {},
          resources: { cpus: 1, memoryMiB: 64, gpus: 0, walltimeSeconds: 60 },
          dependsOn: [],
        })),
      },
    ],
    inputs: options.inputs ?? [],
    cluster: {},
    hash: "f".repeat(64),
  };
}

/** Writes a finished run directory and returns its path. */
export async function writeFixtureRun(
  runDir: string,
  options: FixtureOptions,
): Promise<string> {
  await mkdir(join(runDir, "trials"), { recursive: true });
  await writeFile(join(runDir, "plan.json"), json(fixturePlan(options)));
  await writeFile(
    join(runDir, "env.json"),
    json({
      schemaVersion: 1,
      node: { version: "v20.20.0" },
      os: { platform: "linux", kernel: "6.1.0", arch: "x64", distribution: "Debian 12" },
      cpu: { model: "Fixture CPU", count: 2 },
      python: {
        available: true,
        value: {
          version: "3.11.7",
          executable: "/usr/bin/python3",
          packages: ["numpy==1.26.4", "Jinja2==3.1.2"],
        },
      },
      modules: { system: "lmod", loaded: ["gcc/12.2", "openmpi/4.1"] },
      container: { runtime: "apptainer", image: "docker://python:3.11-slim" },
    }),
  );
  await writeFile(
    join(runDir, "journal.jsonl"),
    options.trials
      .map((t) => JSON.stringify({ event: "trial-finished", trialId: t.id }))
      .join("\n") + "\n",
  );

  for (const [index, trial] of options.trials.entries()) {
    const dir = join(runDir, "trials", trial.id);
    await mkdir(join(dir, "output"), { recursive: true });
    await writeFile(join(dir, "params.json"), json(trial.params));
    await writeFile(join(dir, "stdout.log"), `trial ${trial.id}\n`);
    await writeFile(join(dir, "stderr.log"), "");
    await writeFile(join(dir, "output", "metrics.json"), json(trial.metrics));
    const outputs = Object.entries(trial.outputs ?? {});
    for (const [name, text] of outputs) await writeFile(join(dir, "output", name), text);
    await writeFile(
      join(dir, "record.json"),
      json({
        schemaVersion: 1,
        trialId: trial.id,
        step: "sim",
        index,
        params: trial.params,
        replicate: 0,
        seed: trial.seed,
        argv: options.argv ?? ["/bin/sh", "-c", "echo run"],
        attempt: 1,
        status: trial.status ?? "succeeded",
        exitCode: 0,
        signal: null,
        host: "fixture-host",
        backend: "local",
        startedAt: `2026-01-01T00:00:0${index % 10}.000Z`,
        endedAt: `2026-01-01T00:01:0${index % 10}.000Z`,
        durationSeconds: 60,
        peakMemoryKiB: null,
        cpuSeconds: null,
        resources: { cpus: 1, memoryMiB: 64, gpus: 0, walltimeSeconds: 60 },
        outputs: outputs.map(([name, text]) => ({
          path: name,
          size: Buffer.byteLength(text),
          sha256: sha(text),
        })),
        metrics: trial.metrics,
        progress: [],
      }),
    );
  }
  return runDir;
}

export const THREE_TRIALS: readonly FixtureTrial[] = [
  {
    id: "t-aaa",
    params: { x: 1 },
    seed: 11,
    metrics: { y: 2 },
    outputs: { "result.txt": "2\n" },
  },
  {
    id: "t-bbb",
    params: { x: 2 },
    seed: 12,
    metrics: { y: 4 },
    outputs: { "result.txt": "4\n" },
  },
  {
    id: "t-ccc",
    params: { x: 3 },
    seed: 13,
    metrics: { y: 6 },
    outputs: { "result.txt": "6\n" },
  },
];
