// Resource models: runtime or peak memory as a power law of the numeric
// parameters, fitted in log-log space per group of categorical values, with
// a multiplicative safety margin taken from the residuals. Thin data falls
// back to a constant (log-mean) model, and no data to the declared value.
import { quantile } from "simple-statistics";
import type { ParamValue, ParamValues } from "../../plan/types.ts";
import { leastSquares, predictRow } from "./least-squares.ts";

export type ModelKind = "power-law" | "constant" | "declared";

export interface ModelTerm {
  readonly param: string;
  /** "log": the value enters as ln(x) (a power law); "linear": as x. */
  readonly transform: "log" | "linear";
  readonly coefficient: number;
}

export interface ResourceModel {
  readonly kind: ModelKind;
  /** Categorical values the model is for, e.g. { solver: "cg" }; {} for all. */
  readonly group: Readonly<Record<string, ParamValue>>;
  readonly samples: number;
  /** ln(y) = intercept + Σ coefficient × term(x). */
  readonly intercept: number;
  readonly terms: readonly ModelTerm[];
  /** Fit quality in log space; null for declared or single-value models. */
  readonly rSquared: number | null;
  /** Standard deviation of the log residuals (0.1 ≈ ±10 %). */
  readonly residualSpread: number | null;
  /** Upper prediction = expected × marginFactor. */
  readonly marginFactor: number;
}

export interface ModelOptions {
  /** Residual quantile the margin covers (default 0.95). */
  readonly quantile?: number;
  /** Fewest samples for a power-law fit (default 8; never below terms + 3). */
  readonly minSamples?: number;
}

export const DEFAULT_QUANTILE = 0.95;
const DEFAULT_MIN_SAMPLES = 8;
const MIN_CONSTANT_SAMPLES = 3;
/** Smallest value taken as positive: a trial that "took 0 s" took a moment. */
const FLOOR = 1e-3;

// One-sided normal quantiles for the margins people ask for.
const Z = new Map([[0.5, 0], [0.8, 0.8416], [0.9, 1.2816], [0.95, 1.6449], [0.99, 2.3263]]);

export interface Sample {
  readonly params: ParamValues;
  readonly value: number;
}

/**
 * Fits one model to samples that share a group. `numeric` names the
 * parameters that may enter as terms; those that do not vary are dropped.
 */
export function fitModel(
  samples: readonly Sample[],
  numeric: readonly string[],
  group: Readonly<Record<string, ParamValue>>,
  options: ModelOptions = {},
): ResourceModel | undefined {
  if (samples.length < MIN_CONSTANT_SAMPLES) return undefined;

  const level = options.quantile ?? DEFAULT_QUANTILE;
  const targets = samples.map((s) => Math.log(Math.max(s.value, FLOOR)));
  const varying = numeric.filter((name) => distinctNumbers(samples, name) >= 2);
  const minimum = Math.max(options.minSamples ?? DEFAULT_MIN_SAMPLES, varying.length + 3);

  if (varying.length === 0 || samples.length < minimum) {
    const fit = leastSquares(samples.map(() => []), targets);
    return finish("constant", group, samples.length, fit.coefficients[0] as number, [],
      null, fit.residuals, 0, level);
  }

  const transforms = varying.map((name) =>
    samples.every((s) => Number(s.params[name]) > 0) ? "log" as const : "linear" as const);
  const rows = samples.map((s) =>
    varying.map((name, j) => term(s.params[name], transforms[j]!)));
  const fit = leastSquares(rows, targets);
  const terms = varying.map((param, j) => ({
    param, transform: transforms[j]!, coefficient: fit.coefficients[j + 1] as number,
  }));
  return finish("power-law", group, samples.length, fit.coefficients[0] as number, terms,
    fit.rSquared, fit.residuals, varying.length, level);
}

// Margin: the larger of the empirical residual quantile and a normal-theory
// bound inflated for the parameters estimated, so small samples stay honest.
function finish(
  kind: ModelKind,
  group: Readonly<Record<string, ParamValue>>,
  samples: number,
  intercept: number,
  terms: readonly ModelTerm[],
  rSquared: number | null,
  residuals: readonly number[],
  parameters: number,
  level: number,
): ResourceModel {
  const spread = standardDeviation(residuals, parameters + 1);
  const empirical = quantile([...residuals], level);
  const z = Z.get(level) ?? 1.6449;
  const normal = z * spread * Math.sqrt(1 + (parameters + 1) / samples);
  return {
    kind,
    group,
    samples,
    intercept,
    terms,
    rSquared: kind === "constant" ? null : rSquared,
    residualSpread: spread,
    marginFactor: Math.exp(Math.max(0, empirical, normal)),
  };
}

/** A model that knows nothing but the declared figure. */
export function declaredModel(
  value: number,
  group: Readonly<Record<string, ParamValue>> = {},
): ResourceModel {
  return {
    kind: "declared", group, samples: 0, intercept: Math.log(Math.max(value, FLOOR)),
    terms: [], rSquared: null, residualSpread: null, marginFactor: 1,
  };
}

export interface Prediction {
  /** The model's central estimate. */
  readonly expected: number;
  /** expected × margin: what to ask a scheduler for. */
  readonly upper: number;
}

export function predict(model: ResourceModel, params: ParamValues): Prediction {
  const row = model.terms.map((t) => term(params[t.param], t.transform));
  const logValue = predictRow([model.intercept, ...model.terms.map((t) => t.coefficient)], row);
  const expected = Math.exp(logValue);
  return { expected, upper: expected * model.marginFactor };
}

function term(value: ParamValue | undefined, transform: "log" | "linear"): number {
  const x = Number(value ?? 0);
  return transform === "log" ? Math.log(Math.max(x, FLOOR)) : x;
}

function distinctNumbers(samples: readonly Sample[], name: string): number {
  return new Set(samples.map((s) => Number(s.params[name]))).size;
}

// Residual standard deviation with the degrees of freedom the fit used.
function standardDeviation(residuals: readonly number[], used: number): number {
  const freedom = Math.max(1, residuals.length - used);
  return Math.sqrt(residuals.reduce((sum, e) => sum + e * e, 0) / freedom);
}
