// The plain-data description of a parameter space. Front ends (the DSL, the
// YAML/JSON loader) produce a SpaceSpec; createSpace turns it into a lazy,
// indexable Space. Nothing here does I/O or knows about steps or backends.

import type { ParamValue, ParamValues } from "../plan/types.ts";

// The value types are the Plan's own (src/plan/types.ts, a type-only
// contract), so a point's params are a TrialSpec's params without conversion.
export type { ParamValue, ParamValues } from "../plan/types.ts";

/** How a numeric axis is best drawn and summarised downstream. */
export type AxisScale = "linear" | "log";

/** A dimension exists only when another parameter takes one of these values. */
export interface Condition {
  readonly param: string;
  readonly in: readonly ParamValue[];
}

/** Fields every single-name dimension kind carries. */
interface DimensionBase {
  readonly name: string;
  readonly unit?: string;
  /** Defaults to "log" for logspace and logUniform, "linear" otherwise. */
  readonly scale?: AxisScale;
  /** Makes the dimension conditional (see Condition). */
  readonly when?: Condition;
}

/** An explicit list of values, in the order given. */
export interface ListDimension extends DimensionBase {
  readonly kind: "list";
  readonly values: readonly ParamValue[];
}

/** Unordered labels (strings or booleans); sampled uniformly. */
export interface CategoricalDimension extends DimensionBase {
  readonly kind: "categorical";
  readonly values: readonly (string | boolean)[];
}

/** start, start+step, … up to stop (inclusive when stop lands on the grid). */
export interface IntRangeDimension extends DimensionBase {
  readonly kind: "intRange";
  readonly start: number;
  readonly stop: number;
  readonly step?: number;
}

/** Like intRange for floats; stop is included when within 1e-9 steps of it. */
export interface FloatRangeDimension extends DimensionBase {
  readonly kind: "floatRange";
  readonly start: number;
  readonly stop: number;
  readonly step: number;
}

/** count evenly spaced values from start to stop, both included. */
export interface LinspaceDimension extends DimensionBase {
  readonly kind: "linspace";
  readonly start: number;
  readonly stop: number;
  readonly count: number;
}

/** count geometrically spaced values; start and stop are the values, e.g. 1e-3. */
export interface LogspaceDimension extends DimensionBase {
  readonly kind: "logspace";
  readonly start: number;
  readonly stop: number;
  readonly count: number;
}

/** A continuous uniform distribution on [low, high); sampling only. */
export interface UniformDimension extends DimensionBase {
  readonly kind: "uniform";
  readonly low: number;
  readonly high: number;
}

/** Uniform in log(value) on [low, high); sampling only; low > 0. */
export interface LogUniformDimension extends DimensionBase {
  readonly kind: "logUniform";
  readonly low: number;
  readonly high: number;
}

/** Every integer from low to high inclusive, equally likely when sampled. */
export interface IntUniformDimension extends DimensionBase {
  readonly kind: "intUniform";
  readonly low: number;
  readonly high: number;
}

/** Several parameters that vary together: one coordinate per row. */
export interface ZipDimension {
  readonly kind: "zip";
  readonly names: readonly string[];
  readonly rows: readonly (readonly ParamValue[])[];
  readonly units?: Readonly<Record<string, string>>;
  readonly scales?: Readonly<Record<string, AxisScale>>;
  readonly when?: Condition;
}

export type SingleDimension =
  | ListDimension
  | CategoricalDimension
  | IntRangeDimension
  | FloatRangeDimension
  | LinspaceDimension
  | LogspaceDimension
  | UniformDimension
  | LogUniformDimension
  | IntUniformDimension;

export type DimensionSpec = SingleDimension | ZipDimension;

export type DimensionKind = DimensionSpec["kind"];

/** A parameter computed from the others once a point is built. */
export interface DerivedSpec {
  readonly name: string;
  readonly compute: (params: ParamValues) => ParamValue;
  readonly unit?: string;
  readonly scale?: AxisScale;
}

/** A predicate a point must satisfy; points failing it are dropped. */
export interface ConstraintSpec {
  /** Shown in errors, e.g. "!(solver == 'jacobi' && n > 128)". */
  readonly describe: string;
  readonly test: (params: ParamValues) => boolean;
}

export type SampleMethod = "random" | "lhs" | "sobol";

export interface SampleSpec {
  readonly method: SampleMethod;
  readonly count: number;
  /** Sobol only: false gives the plain Joe–Kuo sequence. Defaults to true. */
  readonly scramble?: boolean;
}

export interface SpaceSpec {
  readonly dimensions: readonly DimensionSpec[];
  readonly derived?: readonly DerivedSpec[];
  readonly constraints?: readonly ConstraintSpec[];
  /** Replaces the full grid by a seeded sample of `count` points. */
  readonly sample?: SampleSpec;
  /** Trials per point, each with its own seed. Defaults to 1. */
  readonly replicates?: number;
  /** The experiment seed every trial seed is derived from. */
  readonly seed: number;
}
