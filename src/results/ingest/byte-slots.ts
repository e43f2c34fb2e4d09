// What the byte readers of JSON Lines and CSV rows share. A row is read into
// the ids of its parameter values (interned by their raw bytes), its metric
// values and the trial it names; committing it walks a tree of those ids down
// to the configuration's slot, created the first time from the decoded values.
// No string is built per row.
import type { Aggregate } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import { ByteInterner, type ValueDecoder } from "./byte-interner.ts";
import type { RowRoles } from "./row-roles.ts";
import { foldRow, type Slot } from "./row-sink.ts";

type SlotTree = (SlotTree | Slot | undefined)[];

export class ByteSlots {
  /** Rows committed so far. */
  rows = 0;
  /** This row's id per parameter (roles.params order); 0: not in the row. */
  readonly paramIds: Int32Array;
  /** This row's value per metric (roles.metrics order); NaN: not in the row. */
  readonly metricValues: Float64Array;
  private trialId = 0;
  private readonly interners: readonly ByteInterner[];
  private readonly trialIds = new Map<string, number>();
  private readonly trialNames: string[] = [""];
  private readonly tree: SlotTree = [];

  constructor(
    private readonly aggregate: Aggregate,
    private readonly roles: RowRoles,
    private readonly trialParams?: ReadonlyMap<string, Params>,
    decode?: ValueDecoder,
  ) {
    this.interners = roles.params.map(() => new ByteInterner(decode));
    this.paramIds = new Int32Array(roles.params.length);
    this.metricValues = new Float64Array(roles.metrics.length);
  }

  /** Forgets what the previous row held. */
  // Plain loops: for a handful of slots, TypedArray.fill costs more in the call.
  startRow(): void {
    const { paramIds, metricValues } = this;
    for (let p = 0; p < paramIds.length; p += 1) paramIds[p] = 0;
    for (let m = 0; m < metricValues.length; m += 1) metricValues[m] = Number.NaN;
    this.trialId = 0;
  }

  noteParam(param: number, tag: number, bytes: Buffer, from: number, to: number): void {
    const interner = this.interners[param] as ByteInterner;
    this.paramIds[param] = interner.intern(tag, bytes, from, to);
  }

  // Only trials the runs know join their parameters, as in RowSink.
  noteTrial(name: string): void {
    if (!this.trialParams?.has(name)) return;
    let id = this.trialIds.get(name);
    if (id === undefined) {
      id = this.trialNames.length;
      this.trialIds.set(name, id);
      this.trialNames.push(name);
    }
    this.trialId = id;
  }

  /** Counts the row in its configuration's slot. */
  commit(): void {
    foldRow(this.slotFor(), this.metricValues);
    this.rows += 1;
  }

  // Walks the tree of ids (trial, then each parameter) down to the slot.
  private slotFor(): Slot {
    let node = this.tree;
    let id = this.trialId;
    for (let p = 0; p < this.paramIds.length; p += 1) {
      let child = node[id] as SlotTree | undefined;
      if (child === undefined) {
        child = [];
        node[id] = child;
      }
      node = child;
      id = this.paramIds[p] as number;
    }

    let slot = node[id] as Slot | undefined;
    if (slot === undefined) {
      slot = this.createSlot();
      node[id] = slot;
    }
    return slot;
  }

  private createSlot(): Slot {
    const own: Record<string, Params[string]> = {};
    this.roles.params.forEach((name, p) => {
      const value = (this.interners[p] as ByteInterner).values[
        this.paramIds[p] as number
      ];
      if (value !== undefined) own[name] = value;
    });
    const trial = this.trialNames[this.trialId] as string;
    const fromTrial = this.trialId === 0 ? undefined : this.trialParams?.get(trial);
    const group = this.aggregate.group(fromTrial ? { ...fromTrial, ...own } : own);
    return {
      group,
      accumulators: this.roles.metrics.map((name) =>
        group.accumulator(group.metrics, name),
      ),
    };
  }
}
