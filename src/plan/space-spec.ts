// Translates a Definition's parameters, constraints and sampling into the
// space engine's SpaceSpec. Expressions from YAML/JSON become closures over
// the safe evaluator; DSL functions are used as they are.
import { UserError } from "../errors.ts";
import type {
  DimensionSpec,
  SpaceSpec,
  DerivedSpec,
  ConstraintSpec,
} from "../space/index.ts";
import type { ParamValue } from "./types.ts";
import type {
  Computed,
  Constraint,
  Definition,
  Dimension,
  ParamDefinition,
  TrialContext,
} from "../definition/types.ts";
import { evaluateText, ExpressionError } from "../definition/expression/index.ts";

export function spaceSpecOf(definition: Definition, file?: string): SpaceSpec {
  const dimensions: DimensionSpec[] = [];
  const derived: DerivedSpec[] = [];

  for (const param of definition.params) {
    if (param.dimension.kind === "derived") {
      derived.push(derivedOf(param, param.dimension.compute, file));
    } else {
      dimensions.push(dimensionOf(param, param.dimension, file));
    }
  }

  return {
    dimensions,
    derived,
    constraints: definition.where.map((constraint, i) =>
      constraintOf(constraint, i, file),
    ),
    ...(definition.sample ? { sample: definition.sample } : {}),
    replicates: definition.replicates,
    seed: definition.seed,
  };
}

function dimensionOf(
  param: ParamDefinition,
  dimension: Dimension,
  file?: string,
): DimensionSpec {
  const base = {
    name: param.name,
    ...(param.unit === undefined ? {} : { unit: param.unit }),
    ...(param.scale === undefined ? {} : { scale: param.scale }),
  };
  switch (dimension.kind) {
    case "values":
      return { ...base, kind: "list", values: dimension.values };
    case "range":
      return dimension.integer
        ? {
            ...base,
            kind: "intRange",
            start: dimension.start,
            stop: dimension.stop,
            step: dimension.step,
          }
        : {
            ...base,
            kind: "floatRange",
            start: dimension.start,
            stop: dimension.stop,
            step: dimension.step,
          };
    case "linspace":
    case "logspace":
      return {
        ...base,
        kind: dimension.kind,
        start: dimension.start,
        stop: dimension.stop,
        count: dimension.count,
      };
    case "uniform":
      return { ...base, kind: "uniform", low: dimension.low, high: dimension.high };
    case "loguniform":
      return { ...base, kind: "logUniform", low: dimension.low, high: dimension.high };
    case "randint":
      return { ...base, kind: "intUniform", low: dimension.low, high: dimension.high };
    case "choice":
      return dimension.values.every((value) => typeof value !== "number")
        ? {
            ...base,
            kind: "categorical",
            values: dimension.values as (string | boolean)[],
          }
        : { ...base, kind: "list", values: dimension.values };
    case "zip":
      return zipOf(param, dimension.columns);
    case "when":
      return conditionalOf(param, dimension, file);
    case "derived":
      throw new UserError({
        code: "definition/conditional-derived",
        path: ["params", param.name],
        ...(file === undefined ? {} : { file }),
        message: "a derived parameter cannot also be conditional",
        fix: "compute it with a conditional expression instead, e.g. solver == 'cg' ? 1 : 0",
      });
  }
}

function conditionalOf(
  param: ParamDefinition,
  dimension: Extract<Dimension, { kind: "when" }>,
  file?: string,
): DimensionSpec {
  const inner = dimensionOf(param, dimension.dimension, file);
  return { ...inner, when: { param: dimension.param, in: dimension.equals } };
}

function zipOf(
  param: ParamDefinition,
  columns: Readonly<Record<string, readonly ParamValue[]>>,
) {
  const names = Object.keys(columns);
  const length = Math.max(0, ...names.map((name) => columns[name]?.length ?? 0));
  const rows = Array.from({ length }, (_, i) =>
    names.map((name) => columns[name]?.[i] as ParamValue),
  );
  const units =
    param.unit === undefined
      ? {}
      : { units: Object.fromEntries(names.map((n) => [n, param.unit as string])) };
  return { kind: "zip" as const, names, rows, ...units };
}

function derivedOf(
  param: ParamDefinition,
  compute: Computed<ParamValue>,
  file?: string,
): DerivedSpec {
  const evaluateAt = computeWith(compute, ["params", param.name, "derived"], file);
  return {
    name: param.name,
    compute: (params) => {
      const value = evaluateAt(params as TrialContext);
      if (value === undefined) {
        throw new UserError({
          code: "definition/derived-undefined",
          path: ["params", param.name],
          ...(file === undefined ? {} : { file }),
          message: `the derived value is undefined for ${JSON.stringify(params)}`,
          fix: "make it defined for every point (conditional parameters may be absent)",
        });
      }
      return value;
    },
    ...(param.unit === undefined ? {} : { unit: param.unit }),
  };
}

function constraintOf(
  constraint: Constraint,
  index: number,
  file?: string,
): ConstraintSpec {
  const test = computeWith<boolean>(constraint.test, ["where", index], file);
  return {
    describe: constraint.describe,
    test: (params) => {
      const result = test(params as TrialContext);
      if (typeof result !== "boolean") {
        throw new UserError({
          code: "definition/constraint-not-boolean",
          path: ["where"],
          ...(file === undefined ? {} : { file }),
          message: `constraint "${constraint.describe}" gave ${String(result)}, not true or false`,
          fix: "make the constraint a comparison or a logical expression",
        });
      }
      return result;
    },
  };
}

/**
 * Turns a constant, an expression or a function into a function of the
 * trial; expression errors become UserErrors at `path`.
 */
export function computeWith<T>(
  value: Computed<T>,
  path: readonly (string | number)[],
  file?: string,
): (trial: TrialContext) => T | undefined {
  if (typeof value === "function") return value as (trial: TrialContext) => T;
  if (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === "expression"
  ) {
    const source = (value as { source: string }).source;
    return (trial) => {
      try {
        return evaluateText(source, trial) as T | undefined;
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        throw new UserError(
          {
            code: "definition/expression-failed",
            path: [...path],
            ...(file === undefined ? {} : { file }),
            message: `"${source}" failed for ${JSON.stringify(trial)}: ${error.message}`,
            fix: "make the expression valid for every trial",
          },
          { cause: error },
        );
      }
    };
  }
  return () => value as T;
}
