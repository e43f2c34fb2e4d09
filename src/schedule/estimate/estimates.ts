// Per-step resource estimates for a plan: which model predicts each trial's
// runtime and memory, chosen best-first — the trial's own categorical group,
// then the whole step, then what the definition declared.
import type { ParamInfo, ParamValue, ParamValues, Plan, TrialSpec } from "../../plan/types.ts";
import {
  declaredModel, fitModel, predict, DEFAULT_QUANTILE, type ModelOptions, type ResourceModel,
} from "./model.ts";
import type { Observation } from "./observation.ts";

export interface StepModels {
  readonly step: string;
  /** Observations the models were fitted on. */
  readonly samples: number;
  /** Pooled model over the whole step first, then one per categorical group. */
  readonly runtime: readonly ResourceModel[];
  readonly memory: readonly ResourceModel[];
}

export interface Estimates {
  /** Residual quantile every margin covers. */
  readonly quantile: number;
  readonly steps: readonly StepModels[];
}

export interface TrialEstimate {
  readonly expectedSeconds: number;
  /** Expected runtime with the margin: the walltime to request. */
  readonly walltimeSeconds: number;
  readonly expectedMemoryMiB: number;
  /** Peak memory with the margin: the memory to request. */
  readonly memoryMiB: number;
  readonly runtimeBasis: ResourceModel["kind"];
  readonly memoryBasis: ResourceModel["kind"];
}

/** Fits runtime and memory models for every step of the plan. */
export function fitEstimates(
  plan: Pick<Plan, "steps" | "params">,
  observations: readonly Observation[],
  options: ModelOptions = {},
): Estimates {
  const numeric = plan.params.filter(isNumeric).map((p) => p.name);
  const categorical = plan.params.filter((p) => !isNumeric(p)).map((p) => p.name);

  const steps = plan.steps.map((step): StepModels => {
    const mine = observations.filter((o) => o.step === step.name);
    const withMemory = mine.filter((o) => o.memoryMiB !== null);
    return {
      step: step.name,
      samples: mine.length,
      runtime: fitGroups(mine.map((o) => ({ params: o.params, value: o.seconds })),
        numeric, categorical, options),
      memory: fitGroups(
        withMemory.map((o) => ({ params: o.params, value: o.memoryMiB as number })),
        numeric, categorical, options),
    };
  });
  return { quantile: options.quantile ?? DEFAULT_QUANTILE, steps };
}

function isNumeric(param: ParamInfo): boolean {
  return param.kind === "numeric" || param.kind === "integer";
}

// The pooled model, then one model per categorical group. A group model is
// kept only when it is a power law or the pooled model is not: five samples
// of one group should not override a good fit over the whole step.
function fitGroups(
  samples: readonly { params: ParamValues; value: number }[],
  numeric: readonly string[],
  categorical: readonly string[],
  options: ModelOptions,
): ResourceModel[] {
  const models: ResourceModel[] = [];
  const pooled = fitModel(samples, numeric, {}, options);
  if (pooled) models.push(pooled);
  if (categorical.length === 0) return models;

  const groups = new Map<string, { params: ParamValues; value: number }[]>();
  for (const sample of samples) {
    const key = groupKey(sample.params, categorical);
    const members = groups.get(key);
    if (members) members.push(sample);
    else groups.set(key, [sample]);
  }
  for (const [key, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const group = JSON.parse(key) as Record<string, ParamValue>;
    const model = fitModel(members, numeric, group, options);
    const useful = model?.kind === "power-law" || pooled?.kind !== "power-law";
    if (model && useful) models.push(model);
  }
  return models;
}

function groupKey(params: ParamValues, categorical: readonly string[]): string {
  const group: Record<string, ParamValue> = {};
  for (const name of categorical) if (params[name] !== undefined) group[name] = params[name];
  return JSON.stringify(group);
}

// The most specific model that matches: the trial's group, else the pool.
function modelFor(
  models: readonly ResourceModel[],
  params: ParamValues,
): ResourceModel | undefined {
  const grouped = models.find((model) => Object.keys(model.group).length > 0
    && Object.entries(model.group).every(([name, value]) => params[name] === value));
  return grouped ?? models.find((model) => Object.keys(model.group).length === 0);
}

/** The estimate for one trial; declared resources where no model applies. */
export function estimateTrial(estimates: Estimates, trial: TrialSpec): TrialEstimate {
  const models = estimates.steps.find((step) => step.step === trial.step);
  const runtimeModel = modelFor(models?.runtime ?? [], trial.params)
    ?? declaredModel(trial.resources.walltimeSeconds);
  const memoryModel = modelFor(models?.memory ?? [], trial.params)
    ?? declaredModel(trial.resources.memoryMiB);

  const runtime = runtimeModel.kind === "declared"
    ? { expected: trial.resources.walltimeSeconds, upper: trial.resources.walltimeSeconds }
    : predict(runtimeModel, trial.params);
  const memory = memoryModel.kind === "declared"
    ? { expected: trial.resources.memoryMiB, upper: trial.resources.memoryMiB }
    : predict(memoryModel, trial.params);

  return {
    expectedSeconds: runtime.expected,
    walltimeSeconds: runtime.upper,
    expectedMemoryMiB: memory.expected,
    memoryMiB: memory.upper,
    runtimeBasis: runtimeModel.kind,
    memoryBasis: memoryModel.kind,
  };
}
