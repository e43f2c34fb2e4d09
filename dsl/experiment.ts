// The experiment builder: `experiment("heat").param(...).step(...)`. Each call
// returns a new builder whose type records the parameters and steps declared
// so far, so callbacks see exact value types and misspelt names fail to compile.
import type { ClusterOptions, ParamValue, PlotDeclaration } from "../src/plan/types.ts";
import type {
  Constraint, Definition, ParamDefinition, SampleRequest, TrialContext,
} from "../src/definition/types.ts";
import type { DerivedSpec, ValueSpec, WhenSpec, ZipSpec } from "./params.ts";
import { StepBuilder, type Trial } from "./step.ts";

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Names already taken by a parameter, or reserved for every trial. */
type Taken<P> = keyof P | "seed" | "replicate";

/** `N` when it is a new name, otherwise a compile error at the call site. */
type FreshName<N extends string, P> = N extends Taken<P> ? never : N;

export interface ParamOptions {
  /** Physical unit, shown on plots and summaries (e.g. "m^2/s"). */
  readonly unit?: string;
  /** Axis scale for plots; logspace and log-uniform parameters are "log" already. */
  readonly scale?: "linear" | "log";
}

export interface MetricOptions {
  readonly unit?: string;
  readonly goal?: "min" | "max";
  readonly tolerance?: { readonly absolute?: number; readonly relative?: number };
}

/** What a builder holds: the Definition, with plots and result files always present. */
interface ExperimentState extends Omit<Definition, "plots" | "results"> {
  readonly plots: readonly PlotDeclaration[];
  readonly resultFiles: readonly string[];
}

export const EXPERIMENT_BUILDER = "sweepforge/experiment-builder";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export class ExperimentBuilder<P extends object = {}, S extends string = never> {
  /** Lets loaders recognise a builder exported from an experiment file. */
  readonly kind = EXPERIMENT_BUILDER;

  private constructor(private readonly state: ExperimentState) {}

  static create(name: string): ExperimentBuilder {
    return new ExperimentBuilder({
      name, seed: 0, replicates: 1, params: [], where: [], steps: [],
      metrics: [], inputs: [], cluster: {}, plots: [], resultFiles: [],
    });
  }

  /** The experiment seed every trial seed is derived from (default 0). */
  seed(seed: number): ExperimentBuilder<P, S> {
    return this.with({ seed });
  }

  /** Runs every point this many times, each with its own derived seed. */
  replicates(count: number): ExperimentBuilder<P, S> {
    return this.with({ replicates: count });
  }

  describe(text: string): ExperimentBuilder<P, S> {
    return this.with({ description: text });
  }

  param<const N extends string, T extends ParamValue>(
    name: FreshName<N, P>, spec: DerivedSpec<Trial<P>, T>, options?: ParamOptions,
  ): ExperimentBuilder<Simplify<P & { [K in N]: T }>, S>;
  param<const N extends string, K extends keyof P & string, T extends ParamValue>(
    name: FreshName<N, P>, spec: WhenSpec<K, T>, options?: ParamOptions,
  ): ExperimentBuilder<Simplify<P & { [X in N]?: T }>, S>;
  param<const N extends string, R extends Record<string, ParamValue>>(
    name: FreshName<N, P>, spec: ZipSpec<R>, options?: ParamOptions,
  ): ExperimentBuilder<Simplify<P & R>, S>;
  param<const N extends string, T extends ParamValue>(
    name: FreshName<N, P>, spec: ValueSpec<T>, options?: ParamOptions,
  ): ExperimentBuilder<Simplify<P & { [K in N]: T }>, S>;
  param(
    name: string, spec: { readonly dimension: ParamDefinition["dimension"] },
    options: ParamOptions = {},
  ): unknown {
    const param: ParamDefinition = { name, dimension: spec.dimension, ...options };
    return this.with({ params: [...this.state.params, param] });
  }

  /** Keeps only the points for which `test` is true. */
  where(test: (p: Trial<P>) => boolean, describe?: string): ExperimentBuilder<P, S> {
    const untyped = test as unknown as (trial: TrialContext) => boolean;
    const constraint: Constraint = { test: untyped, describe: describe ?? test.toString() };
    return this.with({ where: [...this.state.where, constraint] });
  }

  /** Samples `count` points instead of enumerating the grid. */
  sample(request: SampleRequest): ExperimentBuilder<P, S> {
    return this.with({ sample: { method: request.method, count: request.count } });
  }

  step<const N extends string>(
    name: FreshStep<N, S>,
    configure: (step: StepBuilder<P, S>) => StepBuilder<P, S>,
  ): ExperimentBuilder<P, S | N> {
    const step = configure(StepBuilder.create<P, S>()).toDefinition(name);
    return this.with({ steps: [...this.state.steps, step] });
  }

  /** Named input files or URIs the experiment reads (paths relative to it). */
  inputs(inputs: Readonly<Record<string, string>>): ExperimentBuilder<P, S> {
    const list = Object.entries(inputs).map(([name, location]) => ({ name, location }));
    return this.with({ inputs: [...this.state.inputs, ...list] });
  }

  /** The scalar results trials report in metrics.json, with units and goals. */
  metrics(metrics: Readonly<Record<string, MetricOptions>>): ExperimentBuilder<P, S> {
    const list = Object.entries(metrics).map(([name, options]) => ({ name, ...options }));
    return this.with({ metrics: [...this.state.metrics, ...list] });
  }

  cluster(options: ClusterOptions): ExperimentBuilder<P, S> {
    return this.with({ cluster: { ...this.state.cluster, ...options } });
  }

  /**
   * A Vega-Lite figure `sweepforge plot` draws besides the standard set. Without
   * `data`, the spec gets one row per configuration: the parameters and, per
   * metric, its mean, `<metric>_lo`, `<metric>_hi`, `<metric>_sd`, `<metric>_n`.
   * Declaring a name again replaces the earlier spec.
   */
  plot(name: string, spec: Readonly<Record<string, unknown>>): ExperimentBuilder<P, S> {
    const others = this.state.plots.filter((plot) => plot.name !== name);
    return this.with({ plots: [...others, { name, spec: { ...spec } }] });
  }

  /**
   * Result files (JSON Lines or CSV) that `summarize` and `plot` read with the
   * run's metrics; paths are relative to the run directory.
   */
  results(...files: readonly string[]): ExperimentBuilder<P, S> {
    return this.with({ resultFiles: [...this.state.resultFiles, ...files] });
  }

  /** An off-peak policy for heavy steps (validated by the scheduler). */
  offPeak(policy: unknown): ExperimentBuilder<P, S> {
    return this.with({ offPeak: policy });
  }

  /** The plain Definition; no validation or I/O happens here. */
  build(): Definition {
    const { plots, resultFiles, ...rest } = this.state;
    return {
      ...rest,
      ...(plots.length > 0 ? { plots } : {}),
      ...(resultFiles.length > 0 ? { results: { files: resultFiles } } : {}),
    };
  }

  private with(change: Partial<ExperimentState>): ExperimentBuilder<P, S> {
    return new ExperimentBuilder<P, S>({ ...this.state, ...change });
  }
}

type FreshStep<N extends string, S extends string> = N extends S ? never : N;

/** Starts an experiment: `experiment("heat").param("n", values([64, 128]))`. */
export function experiment(name: string): ExperimentBuilder {
  return ExperimentBuilder.create(name);
}
