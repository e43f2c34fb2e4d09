// Semantic checks every Definition gets, whatever wrote it (DSL, YAML, JSON):
// names, dimensions, expressions, placeholders, step references and cycles.
// All problems are collected and reported together.
import type {
  Computed,
  Definition,
  Dimension,
  Expression,
  StepDefinition,
} from "./types.ts";
import { parseExpression, referencedNames, ExpressionError } from "./expression/index.ts";
import { parseTemplate, placeholderNames, TemplateError } from "./placeholders.ts";
import { suggestion } from "./nearest.ts";
import type { FieldPath, ProblemList } from "./problems.ts";
import { Duration, MemorySize } from "../../dsl/units.ts";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STEP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const EXPERIMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const RESERVED_NAMES: readonly string[] = ["seed", "replicate"];

export function validateDefinition(definition: Definition, problems: ProblemList): void {
  if (!EXPERIMENT_NAME.test(definition.name)) {
    problems.add(
      "invalid-name",
      ["name"],
      `experiment name "${definition.name}" is not usable`,
      "use letters, digits, '.', '_' or '-', starting with a letter or digit",
    );
  }
  checkInteger(problems, ["seed"], definition.seed, 0, "the experiment seed");
  checkInteger(problems, ["replicates"], definition.replicates, 1, "replicates");
  if (definition.sample)
    checkInteger(problems, ["sample", "count"], definition.sample.count, 1, "count");

  const names = checkParams(definition, problems);
  definition.where.forEach((constraint, i) => {
    if (typeof constraint.test === "function") return;
    const path = definition.where.length === 1 ? ["where"] : ["where", i];
    checkExpression(problems, path, constraint.test.source, names);
  });

  checkSteps(definition, names, problems);
  checkDeclaredResults(definition, problems);
}

// Declared figures need a name and an object spec; result files a path. The
// YAML schema checks shapes already; this catches what a TS builder can pass.
function checkDeclaredResults(definition: Definition, problems: ProblemList): void {
  const seen = new Set<string>();
  for (const plot of definition.plots ?? []) {
    const path = ["plots", plot.name];
    if (plot.name.trim() === "" || seen.has(plot.name)) {
      problems.add(
        "invalid-plot",
        path,
        `plot name "${plot.name}" is empty or used twice`,
        "give each declared plot its own non-empty name",
      );
    }
    seen.add(plot.name);
    if (typeof plot.spec !== "object" || plot.spec === null || Array.isArray(plot.spec)) {
      problems.add(
        "invalid-plot",
        path,
        `the spec of plot "${plot.name}" is not an object`,
        "pass a Vega-Lite spec object, e.g. { mark: 'point', encoding: { ... } }",
      );
    }
  }
  (definition.results?.files ?? []).forEach((file, i) => {
    if (typeof file !== "string" || file.trim() === "") {
      problems.add(
        "invalid-results",
        ["results", "files", i],
        "a result file path is empty",
        "name each result file by its path relative to the run directory",
      );
    }
  });
}

// Returns every parameter name, in declaration order.
function checkParams(definition: Definition, problems: ProblemList): string[] {
  const declared: string[] = [];

  for (const param of definition.params) {
    const path = ["params", param.name];
    const produced =
      param.dimension.kind === "zip"
        ? Object.keys(param.dimension.columns)
        : [param.name];
    for (const name of produced) {
      if (!NAME.test(name)) {
        problems.add(
          "invalid-name",
          path,
          `parameter name "${name}" is not an identifier`,
          "use letters, digits and '_', starting with a letter or '_'",
        );
      } else if (RESERVED_NAMES.includes(name)) {
        problems.add(
          "reserved-name",
          path,
          `"${name}" is set for every trial by sweepforge`,
          `rename the parameter; ${RESERVED_NAMES.join(" and ")} are reserved`,
        );
      } else if (declared.includes(name)) {
        problems.add(
          "duplicate-name",
          path,
          `parameter "${name}" is declared twice`,
          "give each parameter its own name",
        );
      }
    }

    checkDimension(param.dimension, path, declared, problems);
    declared.push(...produced);
  }
  return declared;
}

function checkDimension(
  dimension: Dimension,
  path: FieldPath,
  before: readonly string[],
  problems: ProblemList,
): void {
  switch (dimension.kind) {
    case "values":
    case "choice":
      if (dimension.values.length === 0) {
        problems.add(
          "empty-dimension",
          path,
          "the dimension has no values",
          "list at least one value, or remove the parameter",
        );
      }
      return;
    case "zip":
      checkZip(dimension.columns, path, problems);
      return;
    case "derived":
      if (
        typeof dimension.compute === "object" &&
        dimension.compute !== null &&
        !Array.isArray(dimension.compute) &&
        "kind" in dimension.compute
      ) {
        checkExpression(problems, [...path, "derived"], dimension.compute.source, before);
      }
      return;
    case "when":
      if (!before.includes(dimension.param)) {
        problems.add(
          "unknown-param",
          [...path, "when"],
          `"when" refers to "${dimension.param}", which is not declared before it`,
          suggestion(dimension.param, before, "parameter"),
        );
      }
      checkDimension(dimension.dimension, path, before, problems);
      return;
    default:
      return;
  }
}

function checkZip(
  columns: Readonly<Record<string, readonly unknown[]>>,
  path: FieldPath,
  problems: ProblemList,
): void {
  const lengths = Object.values(columns).map((column) => column.length);
  if (lengths.length === 0 || lengths.every((length) => length === 0)) {
    problems.add(
      "empty-dimension",
      [...path, "zip"],
      "the zipped dimension has no values",
      "give each linked parameter at least one value",
    );
  } else if (new Set(lengths).size > 1) {
    const described = Object.entries(columns).map(
      ([name, column]) => `${name}: ${column.length}`,
    );
    problems.add(
      "zip-length",
      [...path, "zip"],
      `zipped columns differ in length (${described.join(", ")})`,
      "give every linked parameter the same number of values",
    );
  }
}

function checkExpression(
  problems: ProblemList,
  path: FieldPath,
  source: string,
  known: readonly string[],
): void {
  try {
    const names = referencedNames(parseExpression(source));
    for (const name of names.filter((n) => !known.includes(n))) {
      problems.add(
        "unknown-param",
        path,
        `expression "${source}" reads unknown name "${name}"`,
        suggestion(name, known, "parameter"),
      );
    }
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    const at = error.offset === undefined ? "" : ` at character ${error.offset + 1}`;
    problems.add(
      "bad-expression",
      path,
      `cannot parse "${source}": ${error.message}${at}`,
      "write e.g. \"!(solver == 'jacobi' && n > 128)\"; see docs/dsl.md#expressions",
    );
  }
}

function checkSteps(
  definition: Definition,
  params: readonly string[],
  problems: ProblemList,
): void {
  const steps = definition.steps.map((step) => step.name);
  const visible = [...params, ...RESERVED_NAMES];
  if (steps.length === 0) {
    problems.add(
      "no-steps",
      ["steps"],
      "the experiment has no steps",
      "add a step with a command, e.g. steps: { simulate: { run: [python3, sim.py] } }",
    );
  }

  definition.steps.forEach((step, i) => {
    const path = ["steps", step.name];
    if (!STEP_NAME.test(step.name)) {
      problems.add(
        "invalid-name",
        path,
        `step name "${step.name}" is not usable`,
        "use letters, digits, '_' or '-'",
      );
    }
    if (steps.indexOf(step.name) !== i) {
      problems.add(
        "duplicate-name",
        path,
        `step "${step.name}" is declared twice`,
        "give each step its own name",
      );
    }
    checkCommand(step, path, visible, problems);
    checkResources(step, path, visible, problems);
    checkInteger(problems, [...path, "retries"], step.retries, 0, "retries");
    for (const dependency of step.after) {
      const field = dependency.mode === "all" ? "afterAll" : "after";
      if (!steps.includes(dependency.step)) {
        problems.add(
          "unknown-step",
          [...path, field],
          `step "${dependency.step}" does not exist`,
          suggestion(dependency.step, steps, "step"),
        );
      }
    }
  });

  const cycle = findCycle(definition.steps);
  if (cycle) {
    problems.add(
      "step-cycle",
      ["steps", cycle[0] as string, "after"],
      `the steps wait on each other in a cycle: ${cycle.join(" -> ")}`,
      "remove one of these dependencies so the steps can run in some order",
    );
  }
}

function checkCommand(
  step: StepDefinition,
  path: FieldPath,
  visible: readonly string[],
  problems: ProblemList,
): void {
  const { command } = step;
  if (command.kind === "argv" && command.argv.length === 0) {
    problems.add(
      "no-command",
      path,
      `step "${step.name}" has no command`,
      'give it run: [program, args...] or shell: "..."',
    );
  }
  if (command.kind !== "argv" && command.kind !== "shell") return;

  const field = command.kind === "argv" ? "run" : "shell";
  const templates = command.kind === "argv" ? command.argv : [command.script];
  templates.forEach((template, i) => {
    const where = command.kind === "argv" ? [...path, field, i] : [...path, field];
    try {
      for (const name of placeholderNames(parseTemplate(template))) {
        if (visible.includes(name)) continue;
        problems.add(
          "unknown-param",
          where,
          `placeholder "{${name}}" names no parameter`,
          suggestion(name, visible, "parameter"),
        );
      }
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      problems.add(
        "bad-placeholder",
        where,
        `in "${template}": ${error.message}`,
        "write placeholders as {name}; write {{ or }} for a literal brace",
      );
    }
  });
}

function checkResources(
  step: StepDefinition,
  path: FieldPath,
  visible: readonly string[],
  problems: ProblemList,
): void {
  const { cpus, memory, gpus, time } = step.resources;
  const check = (
    field: string,
    value: Computed<unknown> | undefined,
    constant: (v: never) => void,
  ) => {
    if (value === undefined || typeof value === "function") return;
    const where = [...path, "resources", field];
    if (typeof value === "object" && value !== null && "kind" in value) {
      checkExpression(problems, where, (value as Expression).source, visible);
      return;
    }
    try {
      constant(value as never);
    } catch (error) {
      problems.add("invalid-value", where, (error as Error).message, resourceFix(field));
    }
  };

  check("cpus", cpus, (v: number) => checkCount(v, 1, "cpus"));
  check("gpus", gpus, (v: number) => checkCount(v, 0, "gpus"));
  check("memory", memory, (v: string | number) => resolveMemoryMiB(v));
  check("time", time, (v: string | number) => resolveSeconds(v));
}

function resourceFix(field: string): string {
  if (field === "memory")
    return 'write a size like "512MiB" or "2GiB", or a number of MiB';
  if (field === "time") return 'write a duration like "90s", "10m" or "2h", or seconds';
  return `give ${field} as a whole number`;
}

/** "2GiB" or a number of MiB → MiB; throws RangeError when invalid. */
export function resolveMemoryMiB(value: string | number): number {
  return typeof value === "number"
    ? MemorySize.ofMebibytes(value).mebibytes
    : MemorySize.parse(value).mebibytes;
}

/** "10m" or a number of seconds → seconds; throws RangeError when invalid. */
export function resolveSeconds(value: string | number): number {
  return typeof value === "number"
    ? Duration.ofSeconds(value).seconds
    : Duration.parse(value).seconds;
}

export function checkCount(value: unknown, least: number, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < least) {
    throw new RangeError(
      `${what} must be a whole number >= ${least}, got ${String(value)}`,
    );
  }
  return value;
}

function checkInteger(
  problems: ProblemList,
  path: FieldPath,
  value: number,
  least: number,
  what: string,
): void {
  try {
    checkCount(value, least, what);
  } catch (error) {
    problems.add(
      "invalid-value",
      path,
      (error as Error).message,
      `set ${what} to a whole number >= ${least}`,
    );
  }
}

/** A dependency cycle as a chain "a -> b -> a", or undefined. */
export function findCycle(steps: readonly StepDefinition[]): string[] | undefined {
  const byName = new Map(steps.map((step) => [step.name, step]));
  const state = new Map<string, "visiting" | "done">();
  const trail: string[] = [];

  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === "done") return undefined;
    if (state.get(name) === "visiting")
      return [...trail.slice(trail.indexOf(name)), name];
    state.set(name, "visiting");
    trail.push(name);
    for (const dependency of byName.get(name)?.after ?? []) {
      if (!byName.has(dependency.step)) continue;
      const cycle = visit(dependency.step);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(name, "done");
    return undefined;
  };

  for (const step of steps) {
    const cycle = visit(step.name);
    if (cycle) return cycle;
  }
  return undefined;
}
