// The Definition: what an experiment asks for, as plain data. The DSL builder
// and the YAML/JSON loader both produce it; the plan compiler consumes it.
// Values computed from parameters are either a parsed expression (YAML/JSON)
// or a TypeScript function (DSL) — both are evaluated per trial at compile.
import type {
  ClusterOptions,
  DefinitionSource,
  InputRef,
  MetricInfo,
  ParamValue,
  ParamValues,
  PlotDeclaration,
  ResultFilesDeclaration,
} from "../plan/types.ts";
import type { ShellScript } from "../../dsl/shell.ts";

/** What a computed value sees: the trial's params plus its seed and replicate. */
export type TrialContext = ParamValues & {
  readonly seed: number;
  readonly replicate: number;
};

/** A safe expression written as text in YAML/JSON (see src/definition/expression). */
export interface Expression {
  readonly kind: "expression";
  readonly source: string;
}

/** A value given directly, as an expression, or as a function of the trial. */
export type Computed<T> = T | Expression | ((trial: TrialContext) => T);

export type Dimension =
  | { readonly kind: "values"; readonly values: readonly ParamValue[] }
  | {
      readonly kind: "range";
      readonly start: number;
      readonly stop: number;
      readonly step: number;
      readonly integer: boolean;
    }
  | {
      readonly kind: "linspace";
      readonly start: number;
      readonly stop: number;
      readonly count: number;
    }
  | {
      readonly kind: "logspace";
      readonly start: number;
      readonly stop: number;
      readonly count: number;
    }
  | { readonly kind: "uniform"; readonly low: number; readonly high: number }
  | { readonly kind: "loguniform"; readonly low: number; readonly high: number }
  | { readonly kind: "randint"; readonly low: number; readonly high: number }
  | { readonly kind: "choice"; readonly values: readonly ParamValue[] }
  | {
      readonly kind: "zip";
      readonly columns: Readonly<Record<string, readonly ParamValue[]>>;
    }
  | { readonly kind: "derived"; readonly compute: Computed<ParamValue> }
  | {
      readonly kind: "when";
      readonly param: string;
      readonly equals: readonly ParamValue[];
      readonly dimension: Dimension;
    };

export type ParamDimensionKind = Dimension["kind"];

export interface ParamDefinition {
  /** The parameter name; for a zip, a label for the linked group. */
  readonly name: string;
  readonly dimension: Dimension;
  readonly unit?: string;
  /** Axis scale for plots, when the parameter's kind does not already say it. */
  readonly scale?: "linear" | "log";
}

export interface Constraint {
  readonly test: Expression | ((trial: TrialContext) => boolean);
  /** Human description used in messages (the expression text when there is one). */
  readonly describe: string;
}

export type SampleMethodName = "random" | "lhs" | "sobol";

export interface SampleRequest {
  readonly method: SampleMethodName;
  readonly count: number;
}

export type Command =
  /** argv template: "{name}" placeholders are filled per trial, no shell. */
  | { readonly kind: "argv"; readonly argv: readonly string[] }
  /** sh script template: "{name}" placeholders are filled with quoted words. */
  | { readonly kind: "shell"; readonly script: string }
  | {
      readonly kind: "argv-function";
      readonly build: (trial: TrialContext) => readonly (string | number | boolean)[];
    }
  | {
      readonly kind: "shell-function";
      readonly build: (trial: TrialContext) => ShellScript;
    };

export interface ResourceDefinition {
  readonly cpus?: Computed<number>;
  /** "2GiB"-style text or a number of MiB. */
  readonly memory?: Computed<string | number>;
  readonly gpus?: Computed<number>;
  /** "10m"-style text or a number of seconds. */
  readonly time?: Computed<string | number>;
}

export interface StepDependencyDefinition {
  readonly step: string;
  readonly mode: "each" | "all";
}

export interface StepDefinition {
  readonly name: string;
  readonly command: Command;
  readonly after: readonly StepDependencyDefinition[];
  readonly resources: ResourceDefinition;
  readonly outputs: readonly string[];
  readonly retries: number;
  readonly requeue: boolean;
  readonly heavy: boolean;
  readonly env: Readonly<Record<string, string>>;
}

export interface Definition {
  readonly name: string;
  readonly description?: string;
  readonly seed: number;
  readonly replicates: number;
  readonly params: readonly ParamDefinition[];
  readonly where: readonly Constraint[];
  readonly sample?: SampleRequest;
  readonly steps: readonly StepDefinition[];
  readonly metrics: readonly MetricInfo[];
  readonly inputs: readonly InputRef[];
  readonly cluster: ClusterOptions;
  /** Vega-Lite figures drawn by `sweepforge plot` besides the standard set. */
  readonly plots?: readonly PlotDeclaration[];
  /** Result files read by `summarize` and `plot` with the run's metrics. */
  readonly results?: ResultFilesDeclaration;
  /** Off-peak policy, kept opaque here and validated by src/schedule. */
  readonly offPeak?: unknown;
}

/** A source position for a field path, when the format keeps them (YAML/JSON). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface LoadedDefinition {
  readonly definition: Definition;
  readonly source: DefinitionSource;
  /** Looks up where a field was written, for messages that name a line. */
  readonly locate?: (path: readonly (string | number)[]) => SourcePosition | undefined;
}

export type { DefinitionSource };
