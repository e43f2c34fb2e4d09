// The parts of a run's plan.json that packing and verification rely on.
// Read with a zod schema of its own so a package is checked at the boundary
// even when it was written by another sweepforge version; unknown fields
// pass through untouched.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { UserError } from "../errors.ts";
import { PLAN_SCHEMA_VERSION } from "../plan/types.ts";
import { migrateDocument, type MigrationChain } from "./migrate.ts";

const ParamValue = z.union([z.number(), z.string(), z.boolean()]);

export const PackagedTrial = z.looseObject({
  id: z.string(),
  step: z.string(),
  index: z.number().int(),
  params: z.record(z.string(), ParamValue),
  replicate: z.number().int(),
  seed: z.number().int(),
  argv: z.array(z.string()),
});
export type PackagedTrial = z.infer<typeof PackagedTrial>;

const Tolerance = z.object({
  absolute: z.number().nonnegative().optional(),
  relative: z.number().nonnegative().optional(),
});
export type Tolerance = z.infer<typeof Tolerance>;

export const PackagedPlan = z.looseObject({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  generator: z.object({ name: z.string(), version: z.string() }),
  experiment: z.string(),
  definition: z.object({
    path: z.string(),
    format: z.enum(["ts", "yaml", "json", "inline"]),
    hash: z.string(),
  }),
  seed: z.number().int(),
  params: z.array(z.looseObject({ name: z.string(), kind: z.string() })),
  metrics: z.array(z.looseObject({ name: z.string(), tolerance: Tolerance.optional() })),
  steps: z.array(z.looseObject({
    name: z.string(),
    outputs: z.array(z.string()).default([]),
    trials: z.array(PackagedTrial),
  })),
  inputs: z.array(z.object({ name: z.string(), location: z.string() })).default([]),
  hash: z.string(),
});
export type PackagedPlan = z.infer<typeof PackagedPlan>;

export const PLAN_MIGRATIONS: MigrationChain = {
  kind: "plan",
  current: PLAN_SCHEMA_VERSION,
  steps: [],
};

/** Reads and validates `file` as a materialised plan.json. */
export async function readPackagedPlan(file: string): Promise<PackagedPlan> {
  const text = await readFile(file, "utf8").catch((cause: unknown) => {
    throw new UserError({
      code: "repro/plan-missing",
      message: "the run has no readable plan.json",
      file, fix: "pass a run directory written by `sweepforge run`",
    }, { cause });
  });

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new UserError({
      code: "repro/plan-invalid", message: "plan.json is not valid JSON", file,
      fix: "restore plan.json from the run's origin; it is written once and never edited",
    }, { cause });
  }

  const parsed = PackagedPlan.safeParse(migrateDocument(PLAN_MIGRATIONS, raw, file));
  if (!parsed.success) {
    throw new UserError(parsed.error.issues.map((issue) => ({
      code: "repro/plan-invalid",
      message: `plan.json: ${issue.message}`,
      file, path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
      fix: "restore plan.json from the run's origin; it is written once and never edited",
    })));
  }
  return parsed.data;
}

/** Every trial of every step, in plan order. */
export function planTrials(plan: PackagedPlan): readonly PackagedTrial[] {
  return plan.steps.flatMap((step) => step.trials);
}
