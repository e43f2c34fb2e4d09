// The Plan IR: the one contract between front ends (DSL, YAML/JSON) and
// back ends (local runner, SLURM, PBS, Kubernetes). Everything here is plain,
// serialisable data except TrialTable, which is lazy so that a million-trial
// plan is never materialised just to be counted or summarised.

export const PLAN_SCHEMA_VERSION = 1;

/** A parameter value as it reaches a trial: JSON scalars only. */
export type ParamValue = number | string | boolean;

/** One trial's parameter assignment, keys in declaration order. */
export type ParamValues = Readonly<Record<string, ParamValue>>;

/** Per-trial resources, already resolved to concrete numbers. */
export interface ResourceRequest {
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly gpus: number;
  readonly walltimeSeconds: number;
}

/** How a step waits on another: per matching trial, or on all of its trials. */
export type DependencyMode = "each" | "all";

export interface StepDependency {
  readonly step: string;
  readonly mode: DependencyMode;
}

/**
 * One runnable unit: a step applied to one point of the space (or, for a
 * step that depends on "all" of another, one aggregate trial with no params).
 */
export interface TrialSpec {
  /** Stable hash of step name, canonical params and replicate. */
  readonly id: string;
  readonly step: string;
  /** Position of this trial within its step, 0-based. */
  readonly index: number;
  /** Position of the point in the selected space (-1 for aggregate trials). */
  readonly point: number;
  readonly params: ParamValues;
  readonly replicate: number;
  readonly seed: number;
  /** Final argv. A shell step is ["/bin/sh", "-c", "<quoted script>"]. */
  readonly argv: readonly string[];
  /** Extra environment set for this trial (besides SWEEPFORGE_*). */
  readonly env: Readonly<Record<string, string>>;
  readonly resources: ResourceRequest;
  /** Trial ids this trial waits for. */
  readonly dependsOn: readonly string[];
}

/** A lazy, indexable sequence of trials. */
export interface TrialTable {
  readonly count: number;
  at(index: number): TrialSpec;
  [Symbol.iterator](): Iterator<TrialSpec>;
}

export interface PlanStep {
  readonly name: string;
  readonly dependsOn: readonly StepDependency[];
  /** Files the step promises to write into its output directory. */
  readonly outputs: readonly string[];
  /** Whether a cluster may requeue a task of this step after a node failure. */
  readonly requeue: boolean;
  /** Marked heavy by the definition: off-peak policies may defer it. */
  readonly heavy: boolean;
  /** Retries allowed after a failure before the trial counts as failed. */
  readonly retries: number;
  readonly trials: TrialTable;
}

export type ParamKind = "numeric" | "integer" | "categorical" | "boolean";

/** What downstream tools (plots, stats, estimates) need to know of a parameter. */
export interface ParamInfo {
  readonly name: string;
  readonly kind: ParamKind;
  readonly scale: "linear" | "log";
  readonly unit?: string;
  /** How the parameter is produced. */
  readonly origin: "swept" | "sampled" | "derived" | "conditional";
}

export interface MetricInfo {
  readonly name: string;
  readonly unit?: string;
  readonly goal?: "min" | "max";
  /** Reproduction tolerance; exact when absent. */
  readonly tolerance?: { readonly absolute?: number; readonly relative?: number };
}

export interface SpaceSummary {
  /**
   * Points in the full space before constraints or sampling, as decimal text
   * (it may exceed 2^53), or "infinite" when a dimension is continuous.
   */
  readonly size: string;
  /** Points actually selected, before replicates. */
  readonly selected: number;
  readonly method: "grid" | "random" | "lhs" | "sobol";
  readonly replicates: number;
}

export interface InputRef {
  readonly name: string;
  /** A local path (relative to the definition's folder) or a URI. */
  readonly location: string;
}

export interface ClusterOptions {
  readonly partition?: string;
  readonly account?: string;
  readonly qos?: string;
  readonly constraint?: string;
  /** Raw extra directives, backend-specific (e.g. "--exclusive"). */
  readonly extraDirectives?: readonly string[];
}

export interface DefinitionSource {
  /** Path as given by the user, relative to cwd where possible. */
  readonly path: string;
  readonly format: "ts" | "yaml" | "json" | "inline";
  /** sha256 of the definition file bytes (or of its canonical form when inline). */
  readonly hash: string;
}

/** A Vega-Lite figure the definition declares, drawn against result fields. */
export interface PlotDeclaration {
  readonly name: string;
  /** A Vega-Lite spec; without `data` it gets one row per configuration. */
  readonly spec: Readonly<Record<string, unknown>>;
}

/** Result files (JSON Lines or CSV) that summarize and plot read with the run. */
export interface ResultFilesDeclaration {
  /** Paths relative to the run directory (absolute paths stay as they are). */
  readonly files: readonly string[];
}

export interface Plan {
  readonly schemaVersion: typeof PLAN_SCHEMA_VERSION;
  readonly generator: { readonly name: "sweepforge"; readonly version: string };
  readonly experiment: string;
  readonly definition: DefinitionSource;
  readonly seed: number;
  readonly space: SpaceSummary;
  readonly params: readonly ParamInfo[];
  readonly metrics: readonly MetricInfo[];
  /** Steps in a topological order of their dependencies. */
  readonly steps: readonly PlanStep[];
  readonly inputs: readonly InputRef[];
  readonly cluster: ClusterOptions;
  /** Figures the definition declares; absent when it declares none. */
  readonly plots?: readonly PlotDeclaration[];
  /** Result files the definition declares; absent when it declares none. */
  readonly results?: ResultFilesDeclaration;
  /** sha256 over the canonical serialised plan, excluding this field. */
  readonly hash: string;
}
