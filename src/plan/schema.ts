// zod schema of plan.json (schemaVersion 1), used when reading a plan back.
import { z } from "zod";

const ParamValue = z.union([z.number(), z.string(), z.boolean()]);

export const TrialSpecSchema = z.object({
  id: z.string().min(1),
  step: z.string(),
  index: z.number().int().nonnegative(),
  point: z.number().int().min(-1),
  params: z.record(z.string(), ParamValue),
  replicate: z.number().int().nonnegative(),
  seed: z.number().int(),
  argv: z.array(z.string()),
  env: z.record(z.string(), z.string()),
  resources: z.object({
    cpus: z.number().int().positive(),
    memoryMiB: z.number().positive(),
    gpus: z.number().int().nonnegative(),
    walltimeSeconds: z.number().positive(),
  }),
  dependsOn: z.array(z.string()),
});

export const PlanStepSchema = z
  .object({
    name: z.string(),
    dependsOn: z.array(z.object({ step: z.string(), mode: z.enum(["each", "all"]) })),
    outputs: z.array(z.string()),
    requeue: z.boolean(),
    heavy: z.boolean(),
    retries: z.number().int().nonnegative(),
    trialCount: z.number().int().nonnegative(),
    trials: z.array(TrialSpecSchema),
  })
  .refine((step) => step.trials.length === step.trialCount, {
    message: "trialCount does not match the number of trials",
  });

export const PlanFileSchemaV1 = z.object({
  schemaVersion: z.literal(1),
  generator: z.object({ name: z.literal("sweepforge"), version: z.string() }),
  experiment: z.string(),
  definition: z.object({
    path: z.string(),
    format: z.enum(["ts", "yaml", "json", "inline"]),
    hash: z.string(),
  }),
  seed: z.number().int(),
  space: z.object({
    size: z.string(),
    selected: z.number().int().nonnegative(),
    method: z.enum(["grid", "random", "lhs", "sobol"]),
    replicates: z.number().int().positive(),
  }),
  params: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(["numeric", "integer", "categorical", "boolean"]),
      scale: z.enum(["linear", "log"]),
      unit: z.string().optional(),
      origin: z.enum(["swept", "sampled", "derived", "conditional"]),
    }),
  ),
  metrics: z.array(
    z.object({
      name: z.string(),
      unit: z.string().optional(),
      goal: z.enum(["min", "max"]).optional(),
      tolerance: z
        .object({ absolute: z.number().optional(), relative: z.number().optional() })
        .optional(),
    }),
  ),
  inputs: z.array(z.object({ name: z.string(), location: z.string() })),
  cluster: z.object({
    partition: z.string().optional(),
    account: z.string().optional(),
    qos: z.string().optional(),
    constraint: z.string().optional(),
    extraDirectives: z.array(z.string()).optional(),
  }),
  plots: z
    .array(
      z.object({
        name: z.string(),
        spec: z.record(z.string(), z.unknown()),
      }),
    )
    .optional(),
  results: z.object({ files: z.array(z.string()) }).optional(),
  steps: z.array(PlanStepSchema),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export type PlanFileV1 = z.infer<typeof PlanFileSchemaV1>;
