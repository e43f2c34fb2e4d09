// What stands behind each step's requested walltime and memory, in a form
// short enough for a comment line in a compiled script and plain enough for
// plan --json: which model, fitted on how many samples, with what margin.
import type { Estimates, StepModels } from "./estimate/estimates.ts";
import type { ModelKind, ResourceModel } from "./estimate/model.ts";

export interface ModelBasis {
  /** Kind of the step-wide model, or of the first group model without one. */
  readonly kind: ModelKind;
  /** Samples the models were fitted on (the step-wide model's, when there is one). */
  readonly samples: number;
  /** Models in use: one step-wide plus one per categorical group kept. */
  readonly models: number;
  /** The largest upper/expected factor over those models. */
  readonly marginFactor: number;
}

export interface StepEstimateBasis {
  readonly step: string;
  /** Residual quantile every margin covers. */
  readonly quantile: number;
  readonly samples: number;
  /** Null when nothing was fitted: the declared value is requested. */
  readonly runtime: ModelBasis | null;
  readonly memory: ModelBasis | null;
}

/** One entry per step of the estimates, in plan order. */
export function estimateBasis(estimates: Estimates): readonly StepEstimateBasis[] {
  return estimates.steps.map((step: StepModels) => ({
    step: step.step,
    quantile: estimates.quantile,
    samples: step.samples,
    runtime: modelBasis(step.runtime),
    memory: modelBasis(step.memory),
  }));
}

function modelBasis(models: readonly ResourceModel[]): ModelBasis | null {
  const first = models[0];
  if (!first) return null;

  return {
    kind: first.kind,
    samples: first.samples,
    models: models.length,
    marginFactor: Math.round(Math.max(...models.map((m) => m.marginFactor)) * 1000) / 1000,
  };
}

/**
 * The one comment line a compiled script carries for its step, e.g. "estimate
 * (95th percentile margin, 40 past trials): runtime power-law, 40 samples,
 * margin x1.32; memory constant, 40 samples, margin x1.10".
 */
export function describeEstimateBasis(basis: StepEstimateBasis): string {
  const percentile = Math.round(basis.quantile * 100);
  return `estimate (${percentile}th percentile margin, ${basis.samples} past trials): `
    + `runtime ${describeModel(basis.runtime)}; memory ${describeModel(basis.memory)}`;
}

function describeModel(model: ModelBasis | null): string {
  if (!model) return "declared (no usable history)";

  const groups = model.models > 1 ? ` (+${model.models - 1} group models)` : "";
  return `${model.kind}${groups}, ${model.samples} samples, `
    + `margin x${model.marginFactor.toFixed(2)}`;
}
