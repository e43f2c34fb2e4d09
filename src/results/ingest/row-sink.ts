// Feeds parsed result rows (CSV rows, and JSON Lines rows the byte fast path
// of byte-row-sink.ts hands back) into the aggregate: columns are resolved to
// slots once, and each distinct parameter combination is looked up once and
// remembers its accumulators.
import type { ParamValue } from "../../plan/types.ts";
import type { Aggregate } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import type { MetricAccumulator } from "../stats/metric-accumulator.ts";
import type { Group } from "../aggregate.ts";
import type { RowRoles } from "./row-roles.ts";

/** A scalar field of a row, as JSON.parse or the CSV reader gives it. */
type FieldValue = number | string | boolean | null;

/** One configuration's group and its accumulators, one per metric column. */
export interface Slot {
  readonly group: Group;
  readonly accumulators: readonly MetricAccumulator[];
}

/** Counts a row in its slot and adds its finite metric values (NaN marks a missing one). */
export function foldRow(slot: Slot, values: Float64Array): void {
  slot.group.observations += 1;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (Number.isFinite(value)) (slot.accumulators[i] as MetricAccumulator).add(value);
  }
}

export class RowSink {
  rows = 0;
  private readonly paramSlot = new Map<string, number>();
  private readonly metricSlot = new Map<string, number>();
  private readonly paramValues: (ParamValue | undefined)[];
  private readonly metricValues: Float64Array;
  private trial: string | null = null;
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly aggregate: Aggregate,
    readonly roles: RowRoles,
    private readonly trialParams?: ReadonlyMap<string, Params>,
  ) {
    roles.params.forEach((name, i) => this.paramSlot.set(name, i));
    roles.metrics.forEach((name, i) => this.metricSlot.set(name, i));
    this.paramValues = roles.params.map(() => undefined);
    this.metricValues = new Float64Array(roles.metrics.length);
  }

  /** One row already parsed to an object (CSV, or the first row of a file). */
  addRow(row: Readonly<Record<string, unknown>>): void {
    this.reset();
    for (const [key, field] of Object.entries(row)) this.field(key, field as FieldValue);
    this.commit();
  }

  private reset(): void {
    this.paramValues.fill(undefined);
    this.metricValues.fill(Number.NaN);
    this.trial = null;
  }

  private field(key: string, value: FieldValue): void {
    const metric = this.metricSlot.get(key);
    if (metric !== undefined) {
      if (typeof value === "number") this.metricValues[metric] = value;
      return;
    }
    const param = this.paramSlot.get(key);
    if (param !== undefined) {
      if (value !== null && typeof value !== "object") this.paramValues[param] = value;
      return;
    }
    // Only trials the runs know join their parameters; other ids are ignored,
    // so the number of slots stays the number of configurations.
    if (
      key === this.roles.trialColumn &&
      value !== null &&
      this.trialParams?.has(String(value))
    ) {
      this.trial = String(value);
    }
  }

  private commit(): void {
    let key = this.trial ?? "";
    for (const value of this.paramValues) {
      key += typeof value === "number" ? `\u0001${value}` : `\u0002${String(value)}`;
    }
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.createSlot();
      this.slots.set(key, slot);
    }

    foldRow(slot, this.metricValues);
    this.rows += 1;
  }

  private createSlot(): Slot {
    const own: Record<string, ParamValue> = {};
    this.roles.params.forEach((name, i) => {
      const value = this.paramValues[i];
      if (value !== undefined) own[name] = value;
    });
    const fromTrial = this.trial === null ? undefined : this.trialParams?.get(this.trial);
    const group = this.aggregate.group(fromTrial ? { ...fromTrial, ...own } : own);
    return {
      group,
      accumulators: this.roles.metrics.map((name) =>
        group.accumulator(group.metrics, name),
      ),
    };
  }
}
