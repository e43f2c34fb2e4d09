// Turns a validated YAML/JSON definition file into the Definition the DSL
// would have built: expressions stay as text, to be parsed and checked by
// validateDefinition and evaluated per trial by the plan compiler.
import type { ParamValue } from "../plan/types.ts";
import type {
  Computed, Constraint, Definition, Dimension, ParamDefinition, ResourceDefinition,
  StepDefinition, StepDependencyDefinition,
} from "./types.ts";
import type { DefinitionFile, ParamObjectFile, StepFile } from "./schema.ts";
import { DIMENSION_KEYS } from "./schema.ts";

export function definitionFromFile(
  file: DefinitionFile,
  params: Readonly<Record<string, ParamDefinition>>,
): Definition {
  return {
    name: file.name,
    ...(file.description === undefined ? {} : { description: file.description }),
    seed: file.seed ?? 0,
    replicates: file.replicates ?? 1,
    params: Object.values(params),
    where: toList(file.where).map(constraintOf),
    ...(file.sample ? { sample: file.sample } : {}),
    steps: Object.entries(file.steps).map(([name, step]) => stepOf(name, step)),
    metrics: Object.entries(file.metrics ?? {}).map(([name, metric]) => ({ name, ...metric })),
    inputs: Object.entries(file.inputs ?? {}).map(([name, location]) => ({ name, location })),
    cluster: file.cluster ?? {},
    ...(file.plots === undefined ? {} : {
      plots: Object.entries(file.plots).map(([name, spec]) => ({ name, spec })),
    }),
    ...(file.results === undefined ? {} : {
      results: { files: Array.isArray(file.results) ? file.results : file.results.files },
    }),
    ...(file.offPeak === undefined ? {} : { offPeak: file.offPeak }),
  };
}

/** One parameter entry of `params:` in its list, constant or object form. */
export function paramOf(name: string, raw: unknown): ParamDefinition {
  if (Array.isArray(raw)) return { name, dimension: { kind: "values", values: raw } };
  if (typeof raw !== "object" || raw === null) {
    return { name, dimension: { kind: "values", values: [raw as ParamValue] } };
  }

  const spec = raw as ParamObjectFile;
  const base = dimensionOf(spec);
  const dimension: Dimension = spec.when ? conditional(spec.when, base) : base;
  return {
    name,
    dimension,
    ...(spec.unit === undefined ? {} : { unit: spec.unit }),
    ...(spec.scale === undefined ? {} : { scale: spec.scale }),
  };
}

/** Which kind keys an object form uses (validation wants exactly one). */
export function kindKeys(spec: ParamObjectFile): string[] {
  return DIMENSION_KEYS.filter((key) => spec[key] !== undefined);
}

function dimensionOf(spec: ParamObjectFile): Dimension {
  if (spec.values) return { kind: "values", values: spec.values };
  if (spec.range) {
    const [start, stop, step] = spec.range;
    return { kind: "range", start, stop, step, integer: false };
  }
  if (spec.intRange) {
    const [start, stop, step = 1] = spec.intRange;
    return { kind: "range", start, stop, step, integer: true };
  }
  if (spec.linspace) {
    const [start, stop, count] = spec.linspace;
    return { kind: "linspace", start, stop, count };
  }
  if (spec.logspace) {
    const [start, stop, count] = spec.logspace;
    return { kind: "logspace", start, stop, count };
  }
  if (spec.uniform) return { kind: "uniform", low: spec.uniform[0], high: spec.uniform[1] };
  if (spec.loguniform) {
    return { kind: "loguniform", low: spec.loguniform[0], high: spec.loguniform[1] };
  }
  if (spec.randint) return { kind: "randint", low: spec.randint[0], high: spec.randint[1] };
  if (spec.choice) return { kind: "choice", values: spec.choice };
  if (spec.zip) return { kind: "zip", columns: spec.zip };
  return { kind: "derived", compute: { kind: "expression", source: spec.derived ?? "" } };
}

function conditional(
  when: Readonly<Record<string, ParamValue | readonly ParamValue[]>>, dimension: Dimension,
): Dimension {
  const [param, value] = Object.entries(when)[0] as [string, ParamValue | ParamValue[]];
  const equals = Array.isArray(value) ? value : [value];
  return { kind: "when", param, equals, dimension };
}

function constraintOf(source: string): Constraint {
  return { test: { kind: "expression", source }, describe: source };
}

function stepOf(name: string, step: StepFile): StepDefinition {
  const after: StepDependencyDefinition[] = [
    ...toList(step.after).map((dependency) => ({ step: dependency, mode: "each" as const })),
    ...toList(step.afterAll).map((dependency) => ({ step: dependency, mode: "all" as const })),
  ];
  const command = step.shell !== undefined
    ? { kind: "shell" as const, script: step.shell }
    : { kind: "argv" as const, argv: (step.run ?? []).map(String) };

  return {
    name,
    command,
    after,
    resources: resourcesOf(step.resources ?? {}),
    outputs: step.outputs ?? [],
    retries: step.retries ?? 0,
    requeue: step.requeue ?? false,
    heavy: step.heavy ?? false,
    env: step.env ?? {},
  };
}

function resourcesOf(resources: NonNullable<StepFile["resources"]>): ResourceDefinition {
  const result: Record<string, Computed<string | number>> = {};
  for (const [key, value] of Object.entries(resources)) {
    if (value === undefined) continue;
    result[key] = typeof value === "object" ? { kind: "expression", source: value.expr } : value;
  }
  return result as ResourceDefinition;
}

function toList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : [...value];
}
