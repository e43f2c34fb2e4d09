// The YAML/JSON definition format, as zod schemas. Objects are strict so an
// unknown (often misspelt) key is reported rather than silently ignored.
import { z } from "zod";

export const ParamValueSchema = z.union([z.number(), z.string(), z.boolean()]);

const ExpressionObject = z.strictObject({ expr: z.string().min(1) });

const NumberPair = z.tuple([z.number(), z.number()]);
const Triple = z.tuple([z.number(), z.number(), z.number()]);

/** `when: { solver: cg }` or `when: { solver: [cg, bicg] }`: exactly one entry. */
const WhenSchema = z.record(z.string(), z.union([ParamValueSchema, z.array(ParamValueSchema)]))
  .refine((when) => Object.keys(when).length === 1, {
    message: "when names exactly one parameter, e.g. when: { solver: cg }",
  });

/** The keys that choose a dimension's kind; exactly one appears per parameter. */
export const DIMENSION_KEYS = [
  "values", "range", "intRange", "linspace", "logspace", "uniform", "loguniform",
  "randint", "choice", "zip", "derived",
] as const;

export const ParamObjectSchema = z.strictObject({
  values: z.array(ParamValueSchema).optional(),
  range: Triple.optional(),
  intRange: z.union([NumberPair, Triple]).optional(),
  linspace: Triple.optional(),
  logspace: Triple.optional(),
  uniform: NumberPair.optional(),
  loguniform: NumberPair.optional(),
  randint: NumberPair.optional(),
  choice: z.array(ParamValueSchema).optional(),
  zip: z.record(z.string(), z.array(ParamValueSchema)).optional(),
  derived: z.string().min(1).optional(),
  unit: z.string().optional(),
  scale: z.enum(["linear", "log"]).optional(),
  when: WhenSchema.optional(),
});

/** A parameter is a list, a single constant, or an object naming its kind. */
export function paramSchemaFor(raw: unknown) {
  if (Array.isArray(raw)) return z.array(ParamValueSchema);
  if (typeof raw === "object" && raw !== null) return ParamObjectSchema;
  return ParamValueSchema;
}

const NumberOrExpression = z.union([z.number(), ExpressionObject]);
const TextOrExpression = z.union([z.string(), z.number(), ExpressionObject]);

export const ResourcesSchema = z.strictObject({
  cpus: NumberOrExpression.optional(),
  memory: TextOrExpression.optional(),
  gpus: NumberOrExpression.optional(),
  time: TextOrExpression.optional(),
});

const StepNames = z.union([z.string(), z.array(z.string())]);

export const StepSchema = z.strictObject({
  run: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  shell: z.string().optional(),
  after: StepNames.optional(),
  afterAll: StepNames.optional(),
  resources: ResourcesSchema.optional(),
  outputs: z.array(z.string()).optional(),
  retries: z.number().int().nonnegative().optional(),
  requeue: z.boolean().optional(),
  heavy: z.boolean().optional(),
  env: z.record(z.string(), z.string()).optional(),
});

export const MetricSchema = z.strictObject({
  unit: z.string().optional(),
  goal: z.enum(["min", "max"]).optional(),
  tolerance: z.strictObject({
    absolute: z.number().nonnegative().optional(),
    relative: z.number().nonnegative().optional(),
  }).optional(),
});

export const ClusterSchema = z.strictObject({
  partition: z.string().optional(),
  account: z.string().optional(),
  qos: z.string().optional(),
  constraint: z.string().optional(),
  extraDirectives: z.array(z.string()).optional(),
});

export const SampleSchema = z.strictObject({
  method: z.enum(["random", "lhs", "sobol"]),
  count: z.number().int().positive(),
});

export const DefinitionFileSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  seed: z.number().int().nonnegative().optional(),
  replicates: z.number().int().positive().optional(),
  /** Checked one by one with paramSchemaFor, for precise messages. */
  params: z.record(z.string(), z.unknown()).optional(),
  where: z.union([z.string(), z.array(z.string())]).optional(),
  sample: SampleSchema.optional(),
  steps: z.record(z.string(), StepSchema),
  metrics: z.record(z.string(), MetricSchema).optional(),
  inputs: z.record(z.string(), z.string()).optional(),
  cluster: ClusterSchema.optional(),
  /** Figure name → Vega-Lite spec. */
  plots: z.record(z.string().min(1), z.record(z.string(), z.unknown())).optional(),
  /** Result files, as a list or as { files: [...] } (the plan's form). */
  results: z.union([
    z.array(z.string().min(1)),
    z.strictObject({ files: z.array(z.string().min(1)) }),
  ]).optional(),
  offPeak: z.record(z.string(), z.unknown()).optional(),
});

export type DefinitionFile = z.infer<typeof DefinitionFileSchema>;
export type ParamObjectFile = z.infer<typeof ParamObjectSchema>;
export type StepFile = z.infer<typeof StepSchema>;
