// A configuration's identity: its grouping parameters, canonically ordered, so
// the same values always land in the same group whatever order keys arrived.
import type { ParamValue } from "../plan/types.ts";

export type Params = Readonly<Record<string, ParamValue>>;

/** Restricts params to `by` (all params when null) and returns key + values. */
export function groupParams(params: Params, by: readonly string[] | null): Params {
  const names = by ?? Object.keys(params).sort();
  const picked: Record<string, ParamValue> = {};
  for (const name of names) {
    const value = params[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

export function groupKey(params: Params): string {
  const names = Object.keys(params).sort();
  return JSON.stringify(names.map((name) => [name, params[name]]));
}

/** Orders groups by their parameter values: numbers numerically, then strings. */
export function compareParams(a: Params, b: Params): number {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const name of names) {
    const order = compareValues(a[name], b[name]);
    if (order !== 0) return order;
  }
  return 0;
}

export function compareValues(a: ParamValue | undefined, b: ParamValue | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
