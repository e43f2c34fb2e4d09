// Definition → Plan. The space engine selects the points; each step gets a
// lazy trial table whose rows carry ids, seeds, resolved argv, resources and
// the ids of the trials they wait for.
import { UserError } from "../errors.ts";
import { VERSION } from "../version.ts";
import {
  createSpace,
  deriveSeed,
  trialId,
  trialIdOf,
  type Point,
  type Selection,
  type SelectOptions,
} from "../space/index.ts";
import type {
  Definition,
  LoadedDefinition,
  StepDefinition,
  TrialContext,
} from "../definition/types.ts";
import { parseTemplate, placeholderNames } from "../definition/placeholders.ts";
import { argvBuilder } from "./command.ts";
import { resourceResolver } from "./resources.ts";
import { aggregateSteps, topologicalSteps } from "./order.ts";
import { spaceSpecOf } from "./space-spec.ts";
import { lazyTable, NO_PARAMS, type ResourceAwareTable } from "./trial-table.ts";
import { planHash } from "./serialize.ts";
import {
  PLAN_SCHEMA_VERSION,
  type ParamInfo,
  type Plan,
  type PlanStep,
  type TrialSpec,
} from "./types.ts";

export interface CompileOptions {
  /** Limits on grid size and rejection sampling (see the space engine). */
  readonly select?: SelectOptions;
}

export function compilePlan(
  loaded: LoadedDefinition,
  options: CompileOptions = {},
): Plan {
  const { definition, source } = loaded;
  const file = source.format === "inline" ? undefined : source.path;
  const space = createSpace(
    spaceSpecOf(definition, file),
    file === undefined ? {} : { file },
  );
  // The space engine reports a constraint that drops every point.
  const selection = space.select(options.select);

  const ordered = topologicalSteps(definition.steps);
  const aggregates = aggregateSteps(ordered);
  const tables = new Map<string, ResourceAwareTable>();
  const steps: PlanStep[] = ordered.map((step) => {
    const trials = aggregates.has(step.name)
      ? aggregateTable(step, definition.seed, tables, file)
      : pointTable(step, selection, aggregates, file);
    tables.set(step.name, trials);
    return planStep(step, trials);
  });

  return withLazyHash({
    schemaVersion: PLAN_SCHEMA_VERSION,
    generator: { name: "sweepforge", version: VERSION },
    experiment: definition.name,
    definition: source,
    seed: definition.seed,
    space: {
      size: space.sizeText,
      selected: selection.pointCount,
      method: selection.method,
      replicates: selection.replicates,
    },
    params: space.params.map((info): ParamInfo => ({ ...info })),
    metrics: definition.metrics.map((metric) => ({ ...metric })),
    steps,
    inputs: definition.inputs.map((input) => ({ ...input })),
    cluster: { ...definition.cluster },
    ...declaredResults(definition),
  });
}

// Plots and result files are carried only when declared, so plans without
// them keep their earlier form and hash.
function declaredResults(definition: Definition): Pick<Plan, "plots" | "results"> {
  const plots = definition.plots ?? [];
  const files = definition.results?.files ?? [];
  return {
    ...(plots.length > 0
      ? { plots: plots.map((plot) => ({ name: plot.name, spec: { ...plot.spec } })) }
      : {}),
    ...(files.length > 0 ? { results: { files: [...files] } } : {}),
  };
}

function planStep(step: StepDefinition, trials: ResourceAwareTable): PlanStep {
  return {
    name: step.name,
    dependsOn: step.after.map((dependency) => ({ ...dependency })),
    outputs: [...step.outputs],
    requeue: step.requeue,
    heavy: step.heavy,
    retries: step.retries,
    trials,
  };
}

// One trial per selected point and replicate, in selection order.
function pointTable(
  step: StepDefinition,
  selection: Selection,
  aggregates: ReadonlySet<string>,
  file?: string,
): ResourceAwareTable {
  const argvOf = argvBuilder(step.command);
  const resources = resourceResolver(step.name, step.resources, file);
  const contextAt = (index: number): TrialContext => trialContext(selection.at(index));

  const constant = resources.constant ? resources.resolve(contextAt(0)) : undefined;
  const env = Object.freeze({ ...step.env });
  const dependsOnOf = dependencyIds(step, aggregates);
  const build = (index: number): TrialSpec => {
    const point = selection.at(index);
    const trial = trialContext(point);
    return {
      id: trialIdOf(step.name, point.canonicalParams, point.replicate),
      step: step.name,
      index,
      point: point.point,
      params: point.params,
      replicate: point.replicate,
      seed: point.seed,
      argv: argvOf(trial),
      env,
      resources: constant ?? resources.resolve(trial),
      dependsOn: dependsOnOf(point),
    };
  };

  return lazyTable(
    selection.count,
    build,
    (index) => constant ?? resources.resolve(contextAt(index)),
    constant,
  );
}

// What a command template or callback sees: the params, then seed and
// replicate. Same keys and order as { ...params, seed, replicate }, but that
// spread builds a fresh hidden class per trial in V8 (about 3 µs each).
function trialContext(point: Point): TrialContext {
  const context: Record<string, unknown> = Object.assign({}, point.params);
  context.seed = point.seed;
  context.replicate = point.replicate;
  return context as TrialContext;
}

// The ids a point's trial waits for; a step that waits for nothing shares one
// empty list, so a large table does not hold an empty array per trial.
function dependencyIds(
  step: StepDefinition,
  aggregates: ReadonlySet<string>,
): (point: Point) => readonly string[] {
  if (step.after.length === 0) return () => NO_DEPENDENCIES;

  return (point) =>
    step.after.map((dependency) =>
      aggregates.has(dependency.step)
        ? aggregateTrialId(dependency.step)
        : trialIdOf(dependency.step, point.canonicalParams, point.replicate),
    );
}

const NO_DEPENDENCIES: readonly string[] = Object.freeze([]);

// An aggregate step runs once, after every trial of the steps it waits on.
function aggregateTable(
  step: StepDefinition,
  experimentSeed: number,
  tables: ReadonlyMap<string, ResourceAwareTable>,
  file?: string,
): ResourceAwareTable {
  checkAggregatePlaceholders(step, file);
  const argvOf = argvBuilder(step.command);
  const resources = resourceResolver(step.name, step.resources, file);
  const seed = deriveSeed(experimentSeed, NO_PARAMS, 0);
  const trial: TrialContext = { seed, replicate: 0 };

  // Built once: its dependsOn lists every trial of the steps it waits on.
  let built: TrialSpec | undefined;
  const build = (): TrialSpec =>
    (built ??= {
      id: aggregateTrialId(step.name),
      step: step.name,
      index: 0,
      point: -1,
      params: NO_PARAMS,
      replicate: 0,
      seed,
      argv: argvOf(trial),
      env: { ...step.env },
      resources: resources.resolve(trial),
      dependsOn: step.after.flatMap((dependency) => allTrialIds(tables, dependency.step)),
    });

  const request = resources.resolve(trial);
  return lazyTable(1, build, () => request, request);
}

function allTrialIds(
  tables: ReadonlyMap<string, ResourceAwareTable>,
  step: string,
): string[] {
  const table = tables.get(step);
  return table ? Array.from(table, (trial) => trial.id) : [];
}

// The id of an aggregate step's only trial, without building its dependsOn.
function aggregateTrialId(step: string): string {
  return trialId(step, NO_PARAMS, 0);
}

// An aggregate trial has no params, so its command may only use seed/replicate.
function checkAggregatePlaceholders(step: StepDefinition, file?: string): void {
  const templates =
    step.command.kind === "argv"
      ? step.command.argv
      : step.command.kind === "shell"
        ? [step.command.script]
        : [];
  const names = templates
    .flatMap((template) => placeholderNames(parseTemplate(template)))
    .filter((name) => name !== "seed" && name !== "replicate");
  if (names.length === 0) return;

  throw new UserError({
    code: "definition/aggregate-placeholder",
    ...(file === undefined ? {} : { file }),
    path: ["steps", step.name, step.command.kind === "argv" ? "run" : "shell"],
    message: `step "${step.name}" runs once after all trials, so it has no "{${names[0]}}" value`,
    fix: "read the trials' results from the run directory instead, or make the step per-trial (after)",
  });
}

// The hash walks every trial, so it is computed on first use and then kept.
function withLazyHash(plan: Omit<Plan, "hash">): Plan {
  let hash: string | undefined;
  return Object.defineProperty({ ...plan }, "hash", {
    enumerable: true,
    get: () => (hash ??= planHash(plan)),
  }) as Plan;
}
