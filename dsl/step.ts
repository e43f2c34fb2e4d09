// The step builder: what one step runs, after which steps, with what
// resources and outputs. Immutable: every call returns a new builder.
import type { ParamValue } from "../src/plan/types.ts";
import type {
  Command,
  Computed,
  ResourceDefinition,
  StepDefinition,
  StepDependencyDefinition,
  TrialContext,
} from "../src/definition/types.ts";
import { sh, type ShellScript } from "./shell.ts";
import { Duration, MemorySize, type DurationText, type MemoryText } from "./units.ts";

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** What a step's callbacks see: the declared params plus seed and replicate. */
export type Trial<P> = Simplify<
  Readonly<P> & { readonly seed: number; readonly replicate: number }
>;

type Param<P, T> = T | ((p: Trial<P>) => T);

/** Resources as constants or functions of the trial's params. */
export interface StepResources<P> {
  readonly cpus?: Param<P, number>;
  readonly memory?: Param<P, MemoryText | MemorySize>;
  readonly gpus?: Param<P, number>;
  readonly time?: Param<P, DurationText | Duration>;
}

interface StepState {
  readonly command?: Command;
  readonly after: readonly StepDependencyDefinition[];
  readonly resources: ResourceDefinition;
  readonly outputs: readonly string[];
  readonly retries: number;
  readonly requeue: boolean;
  readonly heavy: boolean;
  readonly env: Readonly<Record<string, string>>;
}

const EMPTY_STEP: StepState = {
  after: [],
  resources: {},
  outputs: [],
  retries: 0,
  requeue: false,
  heavy: false,
  env: {},
};

type ShellTag = typeof sh;

export class StepBuilder<P, S extends string> {
  private constructor(private readonly state: StepState) {}

  /** A fresh step with no command yet. */
  static create<P, S extends string>(): StepBuilder<P, S> {
    return new StepBuilder<P, S>(EMPTY_STEP);
  }

  /**
   * The command as an argv array (no shell): a function of the trial, or a
   * fixed array whose "{name}" placeholders are filled per trial.
   */
  run(
    command:
      | ((p: Trial<P>) => readonly (string | number | boolean)[])
      | readonly string[],
  ) {
    if (typeof command === "function") {
      const build = command as unknown as (trial: TrialContext) => readonly ParamValue[];
      return this.with({ command: { kind: "argv-function", build } });
    }
    return this.with({ command: { kind: "argv", argv: [...command] } });
  }

  /**
   * The command as a POSIX sh script built with the `sh` tag, which quotes
   * every interpolated value: `.shell((p) => sh\`python3 sim.py -a ${p.alpha}\`)`.
   */
  shell(build: (p: Trial<P>, tag: ShellTag) => ShellScript) {
    const untyped = build as unknown as (
      trial: TrialContext,
      tag: ShellTag,
    ) => ShellScript;
    const withTag = (trial: TrialContext): ShellScript => untyped(trial, sh);
    return this.with({ command: { kind: "shell-function", build: withTag } });
  }

  /** Runs once per trial after the trial of `steps` with the same params. */
  after(...steps: readonly S[]) {
    return this.with({ after: [...this.state.after, ...steps.map(each)] });
  }

  /** Runs once, after every trial of `steps` (an aggregate step). */
  afterAll(...steps: readonly S[]) {
    return this.with({ after: [...this.state.after, ...steps.map(all)] });
  }

  resources(resources: StepResources<P>) {
    return this.with({
      resources: { ...this.state.resources, ...toResourceDefinition(resources) },
    });
  }

  /** Files the step promises to write into its output directory. */
  outputs(files: readonly string[]) {
    return this.with({ outputs: [...this.state.outputs, ...files] });
  }

  retries(count: number) {
    return this.with({ retries: count });
  }

  /** Lets a cluster requeue a task of this step after a node failure. */
  requeue(enabled = true) {
    return this.with({ requeue: enabled });
  }

  /** Marks the step heavy, so an off-peak policy may defer it. */
  heavy(enabled = true) {
    return this.with({ heavy: enabled });
  }

  /** Extra environment variables for every trial of the step. */
  env(variables: Readonly<Record<string, string>>) {
    return this.with({ env: { ...this.state.env, ...variables } });
  }

  /** The plain step definition; a step without a command gets an empty argv. */
  toDefinition(name: string): StepDefinition {
    return {
      name,
      command: this.state.command ?? { kind: "argv", argv: [] },
      ...this.rest(),
    };
  }

  private rest(): Omit<StepDefinition, "name" | "command"> {
    const { command: _command, ...rest } = this.state;
    return rest;
  }

  private with(change: Partial<StepState>): StepBuilder<P, S> {
    return new StepBuilder<P, S>({ ...this.state, ...change });
  }
}

function each(step: string): StepDependencyDefinition {
  return { step, mode: "each" };
}

function all(step: string): StepDependencyDefinition {
  return { step, mode: "all" };
}

// Value types become the plain forms the Definition keeps ("2GiB" → MiB).
function toResourceDefinition<P>(resources: StepResources<P>): ResourceDefinition {
  const result: Record<string, Computed<string | number>> = {};
  for (const [key, value] of Object.entries(resources)) {
    if (value === undefined) continue;
    result[key] = typeof value === "function" ? unwrapUnits(value) : plain(value);
  }
  return result as ResourceDefinition;
}

function plain(value: string | number | MemorySize | Duration): string | number {
  if (value instanceof MemorySize) return value.mebibytes;
  if (value instanceof Duration) return value.seconds;
  return value;
}

function unwrapUnits(compute: (p: never) => unknown) {
  return (trial: TrialContext) =>
    plain(
      (compute as (t: TrialContext) => string | number | MemorySize | Duration)(trial),
    );
}
