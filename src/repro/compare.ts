// Decides whether a re-executed trial reproduced the packaged one: every
// metric within its tolerance (exact when none is declared) and every
// output file with the same sha256.
import type { Tolerance } from "./run-plan.ts";

export interface MetricComparison {
  readonly name: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly ok: boolean;
  readonly tolerance?: Tolerance;
}

export interface OutputComparison {
  readonly path: string;
  readonly expected: string | null;
  readonly actual: string | null;
  readonly ok: boolean;
}

/** True when `actual` is within the absolute or relative tolerance of `expected`. */
export function withinTolerance(
  expected: number,
  actual: number,
  tolerance?: Tolerance,
): boolean {
  if (Object.is(expected, actual) || expected === actual) return true;
  if (Number.isNaN(expected) || Number.isNaN(actual)) return false;
  const difference = Math.abs(expected - actual);
  const absoluteOk =
    tolerance?.absolute !== undefined && difference <= tolerance.absolute;
  const scale = Math.max(Math.abs(expected), Math.abs(actual));
  const relativeOk =
    tolerance?.relative !== undefined && difference <= tolerance.relative * scale;
  return absoluteOk || relativeOk;
}

function sameValue(expected: unknown, actual: unknown, tolerance?: Tolerance): boolean {
  if (typeof expected === "number" && typeof actual === "number") {
    return withinTolerance(expected, actual, tolerance);
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

/** Compares every metric present on either side, in name order. */
export function compareMetrics(
  expected: Readonly<Record<string, unknown>>,
  actual: Readonly<Record<string, unknown>>,
  toleranceOf: (metric: string) => Tolerance | undefined,
): MetricComparison[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.map((name) => {
    const tolerance = toleranceOf(name);
    const ok =
      name in expected &&
      name in actual &&
      sameValue(expected[name], actual[name], tolerance);
    return {
      name,
      expected: expected[name] ?? null,
      actual: actual[name] ?? null,
      ok,
      ...(tolerance ? { tolerance } : {}),
    };
  });
}

/** Compares output files by hash; metrics and progress are compared as values instead. */
export function compareOutputs(
  expected: ReadonlyMap<string, string>,
  actual: ReadonlyMap<string, string>,
): OutputComparison[] {
  const paths = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  return paths.map((path) => {
    const want = expected.get(path) ?? null;
    const got = actual.get(path) ?? null;
    return { path, expected: want, actual: got, ok: want !== null && want === got };
  });
}
