// createSpace: a SpaceSpec compiled into a lazy Space. Counting and indexing
// the grid are arithmetic over the block forest; select() picks the points a
// study runs (the whole grid, the grid minus constraints, or a sample).
import { UserError } from "../errors.ts";
import { compileAxis, type Axis, type SpaceParamInfo } from "./axis.ts";
import { decodeIndex, encodeIndex, type AxisValues } from "./grid.ts";
import { spaceProblem, type SpaceOrigin } from "./problems.ts";
import { checkSpaceShape } from "./schema.ts";
import {
  selectGrid,
  selectSample,
  type Selection,
  type SelectOptions,
} from "./selection.ts";
import type { ParamValue, ParamValues, SpaceSpec } from "./spec.ts";
import { buildBlocks, conditionHolds, type Block } from "./structure.ts";

export interface Space {
  readonly spec: SpaceSpec;
  /**
   * Combinations of the discrete dimensions before constraints or sampling.
   * Continuous dimensions (uniform, logUniform) have no grid and count as 1;
   * `continuous` lists them.
   */
  readonly size: bigint;
  /** `size` as decimal text, or "infinite" when a dimension is continuous. */
  readonly sizeText: string;
  /** Names of the continuous dimensions (sampling only). */
  readonly continuous: readonly string[];
  /** Every parameter the space can produce, swept first, then derived. */
  readonly params: readonly SpaceParamInfo[];
  readonly paramNames: readonly string[];
  readonly replicates: number;
  /** The point at a grid index, derived values included (constraints ignored). */
  paramsAt(index: bigint): ParamValues;
  /** The grid index of a point's swept values; undefined when off the grid. */
  indexOf(params: ParamValues): bigint | undefined;
  /** Whether a point (derived values included) passes every constraint. */
  accepts(params: ParamValues): boolean;
  /** The points a study runs: see SelectOptions for the limits. */
  select(options?: SelectOptions): Selection;
}

/** Compiles and validates a space; problems are reported at `origin`. */
export function createSpace(spec: SpaceSpec, origin: SpaceOrigin = {}): Space {
  checkSpaceShape(spec, origin);
  const axes = spec.dimensions.map((dimension, i) => compileAxis(dimension, i, origin));
  checkNames(spec, axes, origin);
  const replicates = checkReplicates(spec, origin);

  const roots = buildBlocks(axes, origin);
  const size = roots.reduce((product, block) => product * block.size, 1n);
  const continuous = axes.filter((axis) => !axis.discrete).flatMap((axis) => axis.names);

  const complete = (values: AxisValues): ParamValues =>
    withDerived(spec, axes, values, origin);
  const accepts = (params: ParamValues): boolean => passes(spec, params, origin);
  const paramsAt = (index: bigint): ParamValues => {
    if (index < 0n || index >= size) {
      throw new RangeError(`grid index ${index} is outside 0..${size - 1n}`);
    }
    return complete(decodeIndex(roots, index));
  };

  return {
    spec,
    size,
    sizeText: continuous.length > 0 ? "infinite" : size.toString(),
    continuous,
    params: paramInfos(spec, axes),
    paramNames: paramInfos(spec, axes).map((info) => info.name),
    replicates,
    paramsAt,
    indexOf: (params) => {
      const index = indexOf(axes, roots, params);
      if (index === undefined) return undefined;

      // Every swept name given must be active at that index (no stray
      // conditional values); derived names are recomputed, so they may appear.
      const derived = new Set((spec.derived ?? []).map((d) => d.name));
      const active = new Set(
        [...decodeIndex(roots, index).keys()].flatMap(
          (position) => axes[position]!.names,
        ),
      );
      const stray = Object.keys(params).some(
        (name) => !derived.has(name) && !active.has(name),
      );
      return stray ? undefined : index;
    },
    accepts,
    select(options = {}) {
      const context = { spec, origin, replicates, accepts };
      if (spec.sample !== undefined) {
        const draw = (unit: Float64Array): ParamValues =>
          complete(unitValues(roots, unit));
        const discreteSize = continuous.length > 0 ? undefined : size;
        return selectSample(
          spec.sample,
          axes.length,
          discreteSize,
          draw,
          context,
          options,
        );
      }

      if (continuous.length > 0) {
        spaceProblem(
          origin,
          "continuous-without-sample",
          [continuous[0]!],
          `"${continuous.join('", "')}" ${continuous.length > 1 ? "are" : "is"} continuous, ` +
            "so the space has no grid to enumerate",
          "add a sample, e.g. sample: { method: sobol, count: 256 }, or use a grid kind " +
            "(linspace, logspace, floatRange) instead",
        );
      }
      return selectGrid(size, paramsAt, context, options);
    },
  };
}

function checkNames(spec: SpaceSpec, axes: readonly Axis[], origin: SpaceOrigin): void {
  const seen = new Set<string>();
  const names = [
    ...axes.flatMap((axis) => axis.names),
    ...(spec.derived ?? []).map((d) => d.name),
  ];
  if (names.length === 0) {
    spaceProblem(
      origin,
      "empty",
      [],
      "the space has no parameters",
      "declare at least one parameter",
    );
  }

  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      spaceProblem(
        origin,
        "invalid-name",
        [name],
        `"${name}" is not a valid parameter name`,
        "use letters, digits and underscores, starting with a letter (it becomes an " +
          "environment variable name)",
      );
    }
    if (seen.has(name)) {
      spaceProblem(
        origin,
        "duplicate-name",
        [name],
        `parameter "${name}" is declared twice`,
        "rename one of them",
      );
    }
    seen.add(name);
  }
}

function checkReplicates(spec: SpaceSpec, origin: SpaceOrigin): number {
  const replicates = spec.replicates ?? 1;
  if (!Number.isSafeInteger(replicates) || replicates < 1) {
    spaceProblem(
      { ...origin, path: [] },
      "invalid-replicates",
      ["replicates"],
      `replicates is ${String(replicates)}, not a positive integer`,
      "give replicates as 1 or more",
    );
  }
  if (!Number.isSafeInteger(spec.seed) || spec.seed < 0) {
    spaceProblem(
      { ...origin, path: [] },
      "invalid-seed",
      ["seed"],
      `seed is ${String(spec.seed)}, not a non-negative integer`,
      "give seed as a whole number such as 42",
    );
  }
  return replicates;
}

// Swept values in declaration order, then derived values in theirs.
function withDerived(
  spec: SpaceSpec,
  axes: readonly Axis[],
  values: AxisValues,
  origin: SpaceOrigin,
): ParamValues {
  const params: Record<string, ParamValue> = {};
  for (const axis of axes) {
    const found = values.get(axis.position);
    if (found === undefined) continue;
    for (let i = 0; i < axis.names.length; i++)
      params[axis.names[i]!] = found[i] as ParamValue;
  }

  for (const derived of spec.derived ?? []) {
    params[derived.name] = computeDerived(derived, params, origin);
  }
  return params;
}

function computeDerived(
  derived: NonNullable<SpaceSpec["derived"]>[number],
  params: ParamValues,
  origin: SpaceOrigin,
): ParamValue {
  let value: unknown;
  try {
    value = derived.compute(params);
  } catch (error) {
    if (error instanceof UserError) throw error;
    spaceProblem(
      origin,
      "derived-failed",
      [derived.name],
      `computing "${derived.name}" failed for ${JSON.stringify(params)}: ${String(error)}`,
      "make the derived expression defined for every point, or constrain the space",
    );
  }

  const scalar =
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value));
  if (!scalar) {
    spaceProblem(
      origin,
      "derived-not-scalar",
      [derived.name],
      `"${derived.name}" gave ${String(value)} for ${JSON.stringify(params)}, ` +
        "not a finite number, string or boolean",
      "return a finite number, a string or a boolean",
    );
  }
  return value as ParamValue;
}

function passes(spec: SpaceSpec, params: ParamValues, origin: SpaceOrigin): boolean {
  for (const [i, constraint] of (spec.constraints ?? []).entries()) {
    let kept: unknown;
    try {
      kept = constraint.test(params);
    } catch (error) {
      if (error instanceof UserError) throw error;
      spaceProblem(
        { ...origin, path: [] },
        "constraint-failed",
        ["where", i],
        `the constraint ${constraint.describe} failed for ${JSON.stringify(params)}: ` +
          String(error),
        "make the constraint defined for every point (conditional parameters may be absent)",
      );
    }
    if (typeof kept !== "boolean") {
      spaceProblem(
        { ...origin, path: [] },
        "constraint-not-boolean",
        ["where", i],
        `the constraint ${constraint.describe} gave ${String(kept)} for ` +
          `${JSON.stringify(params)}, not true or false`,
        "make the constraint a comparison or a combination of comparisons",
      );
    }
    if (!kept) return false;
  }
  return true;
}

// A unit-cube point gives every axis a value; conditional axes count only
// when their parent's value satisfies their condition.
function unitValues(roots: readonly Block[], unit: Float64Array): AxisValues {
  const found: AxisValues = new Map();
  for (const root of roots) visitUnit(root, unit, found);
  return found;
}

function visitUnit(block: Block, unit: Float64Array, found: AxisValues): void {
  const values = block.axis.fromUnit(unit[block.axis.position]!);
  found.set(block.axis.position, values);
  for (const child of block.children) {
    if (conditionHolds(block.axis, values, child.axis)) visitUnit(child, unit, found);
  }
}

function indexOf(
  axes: readonly Axis[],
  roots: readonly Block[],
  params: ParamValues,
): bigint | undefined {
  const valuesOf = (axis: Axis): readonly ParamValue[] | undefined => {
    const values = axis.names.map((name) => params[name]);
    return values.some((value) => value === undefined)
      ? undefined
      : (values as ParamValue[]);
  };
  return encodeIndex(roots, valuesOf);
}

function paramInfos(spec: SpaceSpec, axes: readonly Axis[]): SpaceParamInfo[] {
  const swept = axes.flatMap((axis) =>
    axis.infos.map(
      (info): SpaceParamInfo => ({
        ...info,
        origin:
          axis.when !== undefined
            ? "conditional"
            : axis.discrete && !spec.sample
              ? "swept"
              : "sampled",
      }),
    ),
  );

  const derived = (spec.derived ?? []).map(
    (d): SpaceParamInfo => ({
      name: d.name,
      kind: "numeric",
      scale: d.scale ?? "linear",
      ...(d.unit === undefined ? {} : { unit: d.unit }),
      origin: "derived",
    }),
  );
  return [...swept, ...derived];
}
