// An Axis is one compiled dimension: how many grid coordinates it has, the
// value(s) at a coordinate, the value(s) for a unit-interval draw, and the
// inverse lookup. A zip dimension is one axis producing several names.
import type { ParamInfo, ParamKind } from "../plan/types.ts";
import { canonicalJson } from "./canonical.ts";
import { cleanFloat, rangeCount } from "./numbers.ts";
import { spaceProblem, type SpaceOrigin } from "./problems.ts";
import type {
  Condition,
  DimensionKind,
  DimensionSpec,
  LogUniformDimension,
  ParamValue,
  SingleDimension,
  UniformDimension,
} from "./spec.ts";

/** What downstream tools (plots, stats, estimates) need to know of a parameter. */
export type SpaceParamInfo = ParamInfo;

export interface Axis {
  readonly spec: DimensionSpec;
  /** Position among the spec's dimensions. */
  readonly position: number;
  readonly names: readonly string[];
  readonly when: Condition | undefined;
  /** The condition with its allowed values in canonical form, for lookups. */
  readonly condition?: { readonly param: string; readonly keys: ReadonlySet<string> };
  /** False for uniform and logUniform, which can only be sampled. */
  readonly discrete: boolean;
  /** Grid coordinates (1 for a continuous axis, which has none). */
  readonly size: number;
  valuesAt(coordinate: number): readonly ParamValue[];
  fromUnit(u: number): readonly ParamValue[];
  /** The coordinate holding these values, or undefined when off the grid. */
  coordinateOf(values: readonly ParamValue[]): number | undefined;
  readonly infos: readonly Omit<SpaceParamInfo, "origin">[];
}

const CONTINUOUS: ReadonlySet<DimensionKind> = new Set(["uniform", "logUniform"]);

/** Compiles and validates one dimension spec. */
export function compileAxis(
  spec: DimensionSpec,
  position: number,
  origin: SpaceOrigin,
): Axis {
  const label =
    spec.kind === "zip" ? spec.names.join("+") || `zip ${position}` : spec.name;
  const fail = (field: string | undefined, message: string, fix: string): never =>
    spaceProblem(
      origin,
      "invalid-dimension",
      field ? [label, field] : [label],
      message,
      fix,
    );

  const grid =
    spec.kind === "zip" ? zipGrid(spec.rows, spec.names, fail) : gridOf(spec, fail);
  const discrete = !CONTINUOUS.has(spec.kind);
  const valuesAt = grid.size <= CACHED_VALUES ? cachedRows(grid) : grid.valuesAt;
  const fromUnit = discrete
    ? (u: number) => valuesAt(Math.min(grid.size - 1, Math.floor(u * grid.size)))
    : continuousMapping(spec as SingleDimension, fail);

  return {
    spec,
    position,
    names: spec.kind === "zip" ? spec.names : [spec.name],
    when: spec.when,
    ...(spec.when === undefined ? {} : { condition: canonicalCondition(spec.when) }),
    discrete,
    size: discrete ? grid.size : 1,
    valuesAt,
    fromUnit,
    coordinateOf: grid.coordinateOf,
    infos: infosOf(spec, grid),
  };
}

function canonicalCondition(when: Condition): NonNullable<Axis["condition"]> {
  return {
    param: when.param,
    keys: new Set(when.in.map((value) => canonicalJson(value))),
  };
}

type Fail = (field: string | undefined, message: string, fix: string) => never;

interface Grid {
  readonly size: number;
  valuesAt(coordinate: number): readonly ParamValue[];
  coordinateOf(values: readonly ParamValue[]): number | undefined;
  /** Every value, when the grid is an explicit list (used for kinds). */
  readonly listed?: readonly ParamValue[];
}

function gridOf(spec: SingleDimension, fail: Fail): Grid {
  switch (spec.kind) {
    case "list":
    case "categorical":
      return listGrid(spec.values, fail);
    case "intRange":
      return intRangeGrid(spec.start, spec.stop, spec.step ?? 1, fail);
    case "floatRange":
      return floatRangeGrid(spec.start, spec.stop, spec.step, fail);
    case "linspace":
      return linspaceGrid(spec.start, spec.stop, spec.count, fail);
    case "logspace":
      return logspaceGrid(spec.start, spec.stop, spec.count, fail);
    case "intUniform":
      requireInteger(spec.low, "low", fail);
      requireInteger(spec.high, "high", fail);
      if (spec.high < spec.low)
        fail(
          "high",
          `high (${spec.high}) is below low (${spec.low})`,
          "swap low and high",
        );
      return intRangeGrid(spec.low, spec.high, 1, fail);
    case "uniform":
    case "logUniform":
      return { size: 1, valuesAt: () => [], coordinateOf: () => undefined };
  }
}

function listGrid(values: readonly ParamValue[], fail: Fail): Grid {
  if (values.length === 0)
    fail("values", "the dimension has no values", "list at least one value");

  const byKey = new Map<string, number>();
  values.forEach((value, i) => {
    if (!isScalar(value)) {
      fail(
        "values",
        `value ${i} is ${describeValue(value)}, not a finite number, string or boolean`,
        "give each value as a number, a string or true/false",
      );
    }
    const key = canonicalJson(value);
    if (byKey.has(key))
      fail("values", `value ${key} is listed twice`, "list each value once");
    byKey.set(key, i);
  });

  return {
    size: values.length,
    valuesAt: (coordinate) => [values[coordinate] as ParamValue],
    coordinateOf: (found) => byKey.get(canonicalJson(found[0] ?? null)),
    listed: values,
  };
}

// Rows of a zip dimension are treated like the values of a list dimension.
function zipGrid(
  rows: readonly (readonly ParamValue[])[],
  names: readonly string[],
  fail: Fail,
): Grid {
  const width = names.length;
  if (width === 0)
    fail("names", "a zip dimension needs at least one name", "name its parameters");
  if (rows.length === 0)
    fail("rows", "the zip dimension has no rows", "give at least one row");

  const byKey = new Map<string, number>();
  rows.forEach((row, i) => {
    if (row.length !== width) {
      fail(
        "rows",
        `row ${i} has ${row.length} values for ${width} names`,
        `give ${width} values per row`,
      );
    }
    const column = row.findIndex((value) => !isScalar(value));
    if (column >= 0) {
      fail(
        "rows",
        `row ${i} has ${describeValue(row[column])} for "${names[column]}", ` +
          "not a finite number, string or boolean",
        "give every column the same number of values",
      );
    }
    const key = canonicalJson(row);
    if (byKey.has(key)) fail("rows", `row ${key} is listed twice`, "list each row once");
    byKey.set(key, i);
  });

  return {
    size: rows.length,
    valuesAt: (coordinate) => rows[coordinate] as readonly ParamValue[],
    coordinateOf: (found) => byKey.get(canonicalJson(found)),
  };
}

function isScalar(value: unknown): value is ParamValue {
  return (
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

function describeValue(value: unknown): string {
  return value === undefined
    ? "missing"
    : typeof value === "number"
      ? String(value)
      : JSON.stringify(value);
}

function intRangeGrid(start: number, stop: number, step: number, fail: Fail): Grid {
  requireInteger(start, "start", fail);
  requireInteger(stop, "stop", fail);
  requireInteger(step, "step", fail);
  const size = checkedRangeCount(start, stop, step, fail);

  return {
    size,
    valuesAt: (coordinate) => [start + coordinate * step],
    coordinateOf: ([value]) => {
      if (typeof value !== "number") return undefined;
      const coordinate = (value - start) / step;
      return Number.isInteger(coordinate) && coordinate >= 0 && coordinate < size
        ? coordinate
        : undefined;
    },
  };
}

function floatRangeGrid(start: number, stop: number, step: number, fail: Fail): Grid {
  requireFinite(start, "start", fail);
  requireFinite(stop, "stop", fail);
  requireFinite(step, "step", fail);
  const size = checkedRangeCount(start, stop, step, fail);
  return numericGrid(
    size,
    (i) => cleanFloat(start + i * step),
    (v) => (v - start) / step,
  );
}

function linspaceGrid(start: number, stop: number, count: number, fail: Fail): Grid {
  requireFinite(start, "start", fail);
  requireFinite(stop, "stop", fail);
  requireCount(count, fail);
  const last = count - 1;

  // The ends are exactly as given; a single value is start, as in numpy.
  const valueAt = (i: number): number =>
    i === 0 ? start : i === last ? stop : cleanFloat(start + ((stop - start) * i) / last);
  return numericGrid(count, valueAt, (v) =>
    stop === start ? 0 : ((v - start) / (stop - start)) * last,
  );
}

function logspaceGrid(start: number, stop: number, count: number, fail: Fail): Grid {
  requirePositive(start, "start", fail);
  requirePositive(stop, "stop", fail);
  requireCount(count, fail);
  const last = count - 1;
  const logStart = Math.log(start);
  const logSpan = Math.log(stop) - logStart;

  const valueAt = (i: number): number =>
    i === 0
      ? start
      : i === last
        ? stop
        : cleanFloat(Math.exp(logStart + (logSpan * i) / last));
  const approximate = (v: number): number =>
    logSpan === 0 ? 0 : ((Math.log(v) - logStart) / logSpan) * last;
  return numericGrid(count, valueAt, (v) => (v > 0 ? approximate(v) : Number.NaN));
}

// A computed float grid: the inverse rounds an approximate coordinate and
// accepts it only when the grid value there is exactly the one asked for.
function numericGrid(
  size: number,
  computeAt: (coordinate: number) => number,
  approximate: (value: number) => number,
): Grid {
  const valueAt = size <= CACHED_VALUES ? cached(size, computeAt) : computeAt;
  return {
    size,
    valuesAt: (coordinate) => [valueAt(coordinate)],
    coordinateOf: ([value]) => {
      if (typeof value !== "number") return undefined;
      const coordinate = Math.round(approximate(value));
      const onGrid =
        coordinate >= 0 && coordinate < size && valueAt(coordinate) === value;
      return onGrid ? coordinate : undefined;
    },
  };
}

/** Computed grids up to this many values remember each value once computed. */
const CACHED_VALUES = 1 << 16;

// Rounding a computed value (toPrecision) costs more than the rest of indexing.
function cached(
  size: number,
  computeAt: (coordinate: number) => number,
): (i: number) => number {
  const values = new Float64Array(size).fill(Number.NaN);
  return (coordinate) => {
    let value = values[coordinate]!;
    if (Number.isNaN(value)) values[coordinate] = value = computeAt(coordinate);
    return value;
  };
}

// Every point of a grid reuses one frozen values array per coordinate, so
// indexing a million points does not allocate a million small arrays.
function cachedRows(grid: Grid): (coordinate: number) => readonly ParamValue[] {
  const rows = new Array<readonly ParamValue[] | undefined>(grid.size);
  return (coordinate) => (rows[coordinate] ??= Object.freeze([...grid.valuesAt(coordinate)]));
}

function continuousMapping(
  spec: SingleDimension,
  fail: Fail,
): (u: number) => readonly ParamValue[] {
  const { low, high } = spec as UniformDimension | LogUniformDimension;
  requireFinite(low, "low", fail);
  requireFinite(high, "high", fail);
  if (!(high > low))
    fail("high", `high (${high}) must be above low (${low})`, "make high > low");

  if (spec.kind === "uniform") return (u) => [low + u * (high - low)];

  requirePositive(low, "low", fail);
  const logLow = Math.log(low);
  const logSpan = Math.log(high) - logLow;
  return (u) => [Math.min(high, Math.max(low, Math.exp(logLow + u * logSpan)))];
}

function checkedRangeCount(
  start: number,
  stop: number,
  step: number,
  fail: Fail,
): number {
  if (step === 0)
    fail("step", "step is 0, so the range never reaches stop", "use a non-zero step");
  const count = rangeCount(start, stop, step);
  if (count < 1) {
    fail(
      "step",
      `a step of ${step} moves away from stop (${start} → ${stop}), so the range is empty`,
      `use step ${-step} or swap start and stop`,
    );
  }
  if (count > Number.MAX_SAFE_INTEGER) {
    fail(
      "step",
      `the range has about ${count} values, too many to index`,
      "use a larger step",
    );
  }
  return count;
}

function requireFinite(value: number, field: string, fail: Fail): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail(
      field,
      `${field} is ${String(value)}, not a finite number`,
      `give ${field} as a number`,
    );
  }
}

function requireInteger(value: number, field: string, fail: Fail): void {
  if (!Number.isSafeInteger(value)) {
    fail(
      field,
      `${field} is ${String(value)}, not an integer`,
      `give ${field} as a whole number`,
    );
  }
}

function requirePositive(value: number, field: string, fail: Fail): void {
  requireFinite(value, field, fail);
  if (value <= 0) {
    fail(
      field,
      `${field} is ${value}, but a log scale needs values above 0`,
      `make ${field} positive`,
    );
  }
}

function requireCount(count: number, fail: Fail): void {
  if (!Number.isSafeInteger(count) || count < 1) {
    fail(
      "count",
      `count is ${String(count)}, not a positive integer`,
      "give count as 1 or more",
    );
  }
}

function infosOf(spec: DimensionSpec, grid: Grid): Omit<SpaceParamInfo, "origin">[] {
  if (spec.kind === "zip") {
    return spec.names.map((name, column) => {
      const values = Array.from(
        { length: grid.size },
        (_, row) => grid.valuesAt(row)[column],
      );
      const unit = spec.units?.[name];
      return {
        name,
        kind: kindOfValues(values as ParamValue[]),
        scale: spec.scales?.[name] ?? "linear",
        ...(unit === undefined ? {} : { unit }),
      };
    });
  }

  return [
    {
      name: spec.name,
      kind: kindOfSingle(spec, grid),
      scale:
        spec.scale ??
        (spec.kind === "logspace" || spec.kind === "logUniform" ? "log" : "linear"),
      ...(spec.unit === undefined ? {} : { unit: spec.unit }),
    },
  ];
}

function kindOfSingle(spec: SingleDimension, grid: Grid): ParamKind {
  switch (spec.kind) {
    case "intRange":
    case "intUniform":
      return "integer";
    case "floatRange":
    case "linspace":
    case "logspace":
    case "uniform":
    case "logUniform":
      return "numeric";
    case "categorical":
      return spec.values.every((v) => typeof v === "boolean") ? "boolean" : "categorical";
    case "list":
      return kindOfValues(grid.listed ?? []);
  }
}

/** The narrowest kind that describes every value. */
export function kindOfValues(values: readonly ParamValue[]): ParamKind {
  if (values.length > 0 && values.every((v) => typeof v === "boolean")) return "boolean";
  if (values.every((v) => typeof v === "number")) {
    return values.every((v) => Number.isInteger(v)) ? "integer" : "numeric";
  }
  return "categorical";
}
