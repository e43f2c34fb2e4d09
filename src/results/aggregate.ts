// The streamed aggregate every summary, comparison and plot is computed from:
// per configuration, per metric, bounded accumulators. Raw rows pass through
// once and are never kept, so memory depends on the number of configurations,
// not on the size of the input.
import type { ParamValue } from "../plan/types.ts";
import { compareParams, groupKey, groupParams, type Params } from "./group-key.ts";
import { MetricAccumulator, type MetricState } from "./stats/metric-accumulator.ts";
import { Welford, type Moments } from "./stats/welford.ts";

export interface AggregateOptions {
  /** Parameters to group by; null groups by every parameter (a configuration). */
  readonly by: readonly string[] | null;
  /** Metrics to keep; null keeps every numeric metric. */
  readonly metrics: readonly string[] | null;
  /** Seed for reservoir samples, so raw-point plots are reproducible. */
  readonly seed: number;
}

/** Resource usage read from trial records, summarised like metrics. */
export const RESOURCE_METRICS = ["runtime_seconds", "peak_memory_mib"] as const;

export class Group {
  /** Observations (trials or result rows) that reached this group. */
  observations = 0;
  readonly metrics = new Map<string, MetricAccumulator>();
  readonly resources = new Map<string, MetricAccumulator>();
  /** metric → step → moments across seeds, from progress.jsonl. */
  readonly progress = new Map<string, Map<number, Welford>>();

  constructor(readonly key: string, readonly params: Params, private readonly seed: number) {}

  accumulator(table: Map<string, MetricAccumulator>, name: string): MetricAccumulator {
    let found = table.get(name);
    if (!found) {
      found = new MetricAccumulator(this.seed + table.size);
      table.set(name, found);
    }
    return found;
  }

  progressAt(metric: string, step: number): Welford {
    let steps = this.progress.get(metric);
    if (!steps) {
      steps = new Map();
      this.progress.set(metric, steps);
    }
    let moments = steps.get(step);
    if (!moments) {
      moments = new Welford();
      steps.set(step, moments);
    }
    return moments;
  }
}

export interface GroupState {
  readonly key: string;
  readonly params: Params;
  readonly observations: number;
  readonly metrics: Readonly<Record<string, MetricState>>;
  readonly resources: Readonly<Record<string, MetricState>>;
  readonly progress: Readonly<Record<string, readonly (readonly [number, Moments])[]>>;
}

export class Aggregate {
  private readonly groups = new Map<string, Group>();
  private readonly wanted: ReadonlySet<string> | null;
  /** Metrics seen but left out by the metric filter, for error messages. */
  readonly filteredOut = new Set<string>();

  constructor(readonly options: AggregateOptions) {
    this.wanted = options.metrics ? new Set(options.metrics) : null;
  }

  group(params: Params): Group {
    const picked = groupParams(params, this.options.by);
    const key = groupKey(picked);
    let found = this.groups.get(key);
    if (!found) {
      found = new Group(key, picked, this.options.seed + this.groups.size * 7919);
      this.groups.set(key, found);
    }
    return found;
  }

  /** One trial's final metrics, or one row of an external result file. */
  addObservation(params: Params, metrics: Readonly<Record<string, unknown>>): void {
    const group = this.group(params);
    group.observations += 1;
    for (const name in metrics) {
      const value = metrics[name];
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      if (this.wanted && !this.wanted.has(name)) {
        this.filteredOut.add(name);
        continue;
      }
      group.accumulator(group.metrics, name).add(value);
    }
  }

  addResources(params: Params, usage: Readonly<Record<string, number | null>>): void {
    const group = this.group(params);
    for (const name in usage) {
      const value = usage[name];
      if (typeof value === "number" && Number.isFinite(value)) {
        group.accumulator(group.resources, name).add(value);
      }
    }
  }

  addProgress(params: Params, step: number, metrics: Readonly<Record<string, unknown>>): void {
    const group = this.group(params);
    for (const name in metrics) {
      const value = metrics[name];
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      if (STEP_FIELDS.includes(name)) continue;
      if (this.wanted && !this.wanted.has(name)) continue;
      group.progressAt(name, step).add(value);
    }
  }

  /** Groups in a fixed order (by parameter values), for deterministic output. */
  sortedGroups(): readonly Group[] {
    return [...this.groups.values()].sort((a, b) => compareParams(a.params, b.params));
  }

  get(key: string): Group | undefined {
    return this.groups.get(key);
  }

  get size(): number {
    return this.groups.size;
  }

  metricNames(): readonly string[] {
    const names = new Set<string>();
    for (const group of this.groups.values()) {
      for (const name of group.metrics.keys()) names.add(name);
    }
    return [...names].sort();
  }

  progressMetricNames(): readonly string[] {
    const names = new Set<string>();
    for (const group of this.groups.values()) {
      for (const name of group.progress.keys()) names.add(name);
    }
    return [...names].sort();
  }

  snapshot(): readonly GroupState[] {
    return this.sortedGroups().map((group) => ({
      key: group.key,
      params: group.params,
      observations: group.observations,
      metrics: snapshotTable(group.metrics),
      resources: snapshotTable(group.resources),
      progress: Object.fromEntries([...group.progress].map(([metric, steps]) =>
        [metric, [...steps].map(([step, w]) => [step, w.snapshot()] as const)])),
    }));
  }

  /** Folds in the state of another aggregate (e.g. from a worker thread). */
  merge(states: readonly GroupState[]): void {
    for (const state of states) {
      const group = this.group(state.params);
      group.observations += state.observations;
      for (const [name, metric] of Object.entries(state.metrics)) {
        group.accumulator(group.metrics, name).merge(metric);
      }
      for (const [name, metric] of Object.entries(state.resources)) {
        group.accumulator(group.resources, name).merge(metric);
      }
      for (const [name, steps] of Object.entries(state.progress)) {
        for (const [step, moments] of steps) group.progressAt(name, step).merge(moments);
      }
    }
  }
}

/** Fields of a progress line that say where in the run it is, not what it measured. */
export const STEP_FIELDS: readonly string[] = ["step", "epoch", "iteration", "iter", "t"];

export function progressStep(line: Readonly<Record<string, unknown>>, lineIndex: number): number {
  for (const field of STEP_FIELDS) {
    const value = line[field];
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return lineIndex;
}

function snapshotTable(table: Map<string, MetricAccumulator>): Record<string, MetricState> {
  const names = [...table.keys()].sort();
  return Object.fromEntries(names.map((name) => [name, table.get(name)!.snapshot()]));
}

export type { ParamValue };
