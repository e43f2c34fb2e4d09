// The fast path for CSV rows: splits a line's raw UTF-8 bytes at commas in
// place, parses only the numbers a metric needs and finds the configuration
// through parameter values interned by their bytes. A line it cannot read
// this way (a quote anywhere, or the wrong number of fields) is left to the
// general reader, which handles quoting and reports errors; every value means
// what csvValue says it means either way.
import type { Aggregate } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import { scanNumber, scannedNumber } from "./byte-number.ts";
import { ByteSlots } from "./byte-slots.ts";
import { csvValue } from "./csv.ts";
import type { RowRoles } from "./row-roles.ts";

const COMMA = 44;
const QUOTE = 34;
const IGNORED = -1;
const TRIAL = -2;
/** CSV values are decoded by csvValue alone, so one tag serves them all. */
const CSV_TAG = 1;

const decodeCsv = (_tag: number, bytes: Buffer) =>
  csvValue(bytes.toString("utf8")) ?? undefined;

export class ByteCsvRowSink {
  /** What each column means: a metric index, metrics + a parameter index, or the trial. */
  private readonly codes: Int32Array;
  private readonly metricCount: number;
  private readonly slots: ByteSlots;
  /** Where the current line's commas are. */
  private readonly commas: Int32Array;

  constructor(
    aggregate: Aggregate,
    roles: RowRoles,
    header: readonly string[],
    trialParams?: ReadonlyMap<string, Params>,
  ) {
    const { params, metrics, trialColumn } = roles;
    this.metricCount = metrics.length;
    const byName = new Map<string, number>();
    params.forEach((name, i) => byName.set(name, metrics.length + i));
    // Metrics win over parameters of the same name, as in RowSink.
    metrics.forEach((name, i) => byName.set(name, i));
    if (
      trialColumn !== null &&
      (trialParams?.size ?? 0) > 0 &&
      !byName.has(trialColumn)
    ) {
      byName.set(trialColumn, TRIAL);
    }
    this.codes = Int32Array.from(header, (name) => byName.get(name) ?? IGNORED);
    this.commas = new Int32Array(Math.max(0, header.length - 1));
    this.slots = new ByteSlots(aggregate, roles, trialParams, decodeCsv);
  }

  /** Rows read by this fast path. */
  get rows(): number {
    return this.slots.rows;
  }

  /** One line as bytes[start, end); false leaves it to the general reader. */
  addBytes(bytes: Buffer, start: number, end: number): boolean {
    if (!this.findCommas(bytes, start, end)) return false;

    this.slots.startRow();
    const last = this.codes.length - 1;
    for (let column = 0; column <= last; column += 1) {
      const from = column === 0 ? start : (this.commas[column - 1] as number) + 1;
      const to = column === last ? end : (this.commas[column] as number);
      this.field(this.codes[column] as number, bytes, from, to);
    }
    this.slots.commit();
    return true;
  }

  // Notes where the commas are; false for a quote or a field count that is not
  // the header's, which the general reader handles or reports.
  private findCommas(bytes: Buffer, start: number, end: number): boolean {
    const commas = this.commas;
    let count = 0;
    for (let i = start; i < end; i += 1) {
      const c = bytes[i] as number;
      if (c === COMMA) {
        if (count === commas.length) return false;
        commas[count] = i;
        count += 1;
      } else if (c === QUOTE) return false;
    }
    return count === commas.length;
  }

  // An empty field is no value (csvValue's null), so it never overwrites one.
  private field(code: number, bytes: Buffer, from: number, to: number): void {
    if (code === IGNORED || from === to) return;
    if (code >= this.metricCount) {
      this.slots.noteParam(code - this.metricCount, CSV_TAG, bytes, from, to);
    } else if (code >= 0) {
      // A later column of the same name wins, even when it holds no number.
      this.slots.metricValues[code] = numberIn(bytes, from, to) ?? Number.NaN;
    } else {
      this.slots.noteTrial(String(csvValue(bytes.toString("utf8", from, to))));
    }
  }
}

// The number csvValue reads from a field, or null when it reads none. Plain
// JSON-style numbers are parsed in place; other spellings ("+1", ".5", " 2 ")
// go through csvValue itself.
function numberIn(bytes: Buffer, from: number, to: number): number | null {
  if (scanNumber(bytes, from, to, true) === to) return scannedNumber.value;
  const value = csvValue(bytes.toString("utf8", from, to));
  return typeof value === "number" ? value : null;
}
