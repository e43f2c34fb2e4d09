// env.json: the environment a run executed in, captured once per run.
import { z } from "zod";

export const ENVIRONMENT_SCHEMA_VERSION = 1;

function probeOf<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion("available", [
    z.object({ available: z.literal(true), value }),
    z.object({ available: z.literal(false), reason: z.string() }),
  ]);
}

export const EnvironmentRecord = z.object({
  schemaVersion: z.literal(ENVIRONMENT_SCHEMA_VERSION),
  capturedAt: z.string(),
  captureMilliseconds: z.number().nonnegative(),
  os: z.object({
    platform: z.string(),
    kernel: z.string(),
    arch: z.string(),
    distribution: z.string().nullable(),
  }),
  cpu: z.object({ model: z.string(), count: z.number().int().positive() }),
  memory: z.object({ totalMiB: z.number().nonnegative() }),
  hostname: z.string(),
  user: z.string(),
  node: z.object({ version: z.string() }),
  sweepforge: z.object({ version: z.string() }),
  dependencies: probeOf(z.object({
    lockfile: z.string(),
    versions: z.record(z.string(), z.string()),
  })),
  python: probeOf(z.object({
    version: z.string(),
    executable: z.string(),
    packages: z.array(z.string()),
  })),
  conda: z.object({ env: z.string().nullable(), prefix: z.string().nullable() }),
  modules: z.object({
    system: z.enum(["lmod", "environment-modules"]).nullable(),
    loaded: z.array(z.string()),
  }),
  container: z.object({
    runtime: z.enum(["apptainer", "singularity", "docker", "podman", "kubernetes"]).nullable(),
    image: z.string().nullable(),
  }),
  gpus: probeOf(z.array(z.object({
    index: z.string(),
    name: z.string(),
    memoryMiB: z.number().nullable(),
    driver: z.string(),
    uuid: z.string(),
  }))),
  git: probeOf(z.object({
    commit: z.string(),
    branch: z.string(),
    dirty: z.boolean(),
    diffSha256: z.string().nullable(),
  })),
  scheduler: z.record(z.string(), z.string()),
  variables: z.record(z.string(), z.string()),
});
export type EnvironmentRecord = z.infer<typeof EnvironmentRecord>;
