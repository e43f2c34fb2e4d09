// Parameter helpers. Each returns a small spec carrying its value type as a
// phantom, so the experiment builder can add the parameter to its type.
import type { ParamValue } from "../src/plan/types.ts";
import type { Dimension } from "../src/definition/types.ts";

declare const valueBrand: unique symbol;

/** A swept or sampled dimension whose values have type T. */
export interface ValueSpec<T extends ParamValue> {
  readonly form: "value";
  readonly dimension: Dimension;
  readonly [valueBrand]?: T;
}

/** Linked dimensions: every column varies together, row by row. */
export interface ZipSpec<Row extends Record<string, ParamValue>> {
  readonly form: "zip";
  readonly dimension: Dimension;
  readonly [valueBrand]?: Row;
}

/** A value computed from the parameters declared before it. */
export interface DerivedSpec<P, T extends ParamValue> {
  readonly form: "derived";
  readonly dimension: Dimension;
  readonly [valueBrand]?: (p: P) => T;
}

/** A dimension that exists only when another parameter has a given value. */
export interface WhenSpec<K extends string, T extends ParamValue> {
  readonly form: "when";
  readonly param: K;
  readonly dimension: Dimension;
  readonly [valueBrand]?: T;
}

type Widen<T> = T extends number ? number : T extends boolean ? boolean : T;

/** An explicit list. Write `values([...] as const)` to keep string literals. */
export function values<const T extends readonly ParamValue[]>(
  list: T,
): ValueSpec<T[number]> {
  return { form: "value", dimension: { kind: "values", values: [...list] } };
}

/** Floats from start to stop (inclusive when stop lands on the grid) by step. */
export function range(start: number, stop: number, step: number): ValueSpec<number> {
  return {
    form: "value",
    dimension: { kind: "range", start, stop, step, integer: false },
  };
}

/** Integers from start to stop inclusive, by step (default 1). */
export function intRange(start: number, stop: number, step = 1): ValueSpec<number> {
  return {
    form: "value",
    dimension: { kind: "range", start, stop, step, integer: true },
  };
}

/** `count` evenly spaced values from start to stop inclusive. */
export function linspace(start: number, stop: number, count: number): ValueSpec<number> {
  return { form: "value", dimension: { kind: "linspace", start, stop, count } };
}

/** `count` log-evenly spaced values from start to stop (the values, not exponents). */
export function logspace(start: number, stop: number, count: number): ValueSpec<number> {
  return { form: "value", dimension: { kind: "logspace", start, stop, count } };
}

/** Continuous uniform on [low, high): sampled designs only. */
export function uniform(low: number, high: number): ValueSpec<number> {
  return { form: "value", dimension: { kind: "uniform", low, high } };
}

/** Log-uniform on [low, high): sampled designs only. */
export function logUniform(low: number, high: number): ValueSpec<number> {
  return { form: "value", dimension: { kind: "loguniform", low, high } };
}

/** Uniform integer in [low, high] inclusive: sampled designs only. */
export function randInt(low: number, high: number): ValueSpec<number> {
  return { form: "value", dimension: { kind: "randint", low, high } };
}

/** A categorical dimension for sampled designs. */
export function choice<const T extends readonly ParamValue[]>(
  list: T,
): ValueSpec<T[number]> {
  return { form: "value", dimension: { kind: "choice", values: [...list] } };
}

/** Columns of equal length that vary together: `zip({ nx: [..], ny: [..] })`. */
export function zip<const C extends Record<string, readonly ParamValue[]>>(
  columns: C,
): ZipSpec<{ -readonly [K in keyof C]: Widen<C[K][number]> }> {
  const copy = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, [...v]]));
  return { form: "zip", dimension: { kind: "zip", columns: copy } };
}

/** A parameter computed from the ones declared before it. */
export function derived<P, T extends ParamValue>(
  compute: (p: P) => T,
): DerivedSpec<P, T> {
  const untyped = compute as unknown as (p: unknown) => T;
  return { form: "derived", dimension: { kind: "derived", compute: untyped } };
}

/**
 * A dimension that exists only when `param` equals `value` (or one of the
 * values): `when("solver", "cg", values([1e-6, 1e-8]))`.
 */
export function when<const K extends string, T extends ParamValue>(
  param: K,
  value: ParamValue | readonly ParamValue[],
  spec: ValueSpec<T>,
): WhenSpec<K, T> {
  const equals = Array.isArray(value)
    ? [...(value as readonly ParamValue[])]
    : [value as ParamValue];
  return {
    form: "when",
    param,
    dimension: { kind: "when", param, equals, dimension: spec.dimension },
  };
}

export type AnySpec =
  | ValueSpec<ParamValue>
  | ZipSpec<Record<string, ParamValue>>
  | DerivedSpec<never, ParamValue>
  | WhenSpec<string, ParamValue>;
