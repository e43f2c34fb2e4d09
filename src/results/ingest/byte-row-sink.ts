// The fast path for JSON Lines rows: scans a row's raw UTF-8 bytes in place,
// recognises each key by comparing its bytes with the key seen at the same
// position in the previous row, parses only the numbers a metric needs and
// finds the configuration through interned parameter ids. Rows it cannot read
// this way (escapes, nesting, anything unusual) are parsed with JSON.parse and
// handed to the general RowSink, so every valid row is counted exactly.
import type { Aggregate } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import { LITERAL_TAG, NUMBER_TAG, sameBytes, STRING_TAG } from "./byte-interner.ts";
import { scanNumber, scannedNumber } from "./byte-number.ts";
import { ByteSlots } from "./byte-slots.ts";
import type { RowSink } from "./row-sink.ts";

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COLON = 58;
const COMMA = 44;
const MINUS = 45;
const IGNORED = -1;
const TRIAL = -2;

export class ByteRowSink {
  private readonly metricCount: number;
  private readonly codes = new Map<string, number>();
  private readonly cachedKeys: Buffer[] = [];
  private readonly cachedCodes: number[] = [];
  private readonly slots: ByteSlots;
  /** What the key readKey last read means: a metric, a parameter, the trial or ignored. */
  private keyCode = IGNORED;

  constructor(
    aggregate: Aggregate,
    private readonly fallback: RowSink,
    trialParams?: ReadonlyMap<string, Params>,
  ) {
    const { params, metrics, trialColumn } = fallback.roles;
    this.metricCount = metrics.length;
    params.forEach((name, i) => this.codes.set(name, metrics.length + i));
    // Metrics win over parameters of the same name, as in RowSink.
    metrics.forEach((name, i) => this.codes.set(name, i));
    if (
      trialColumn !== null &&
      trialParams !== undefined &&
      trialParams.size > 0 &&
      !this.codes.has(trialColumn)
    )
      this.codes.set(trialColumn, TRIAL);
    this.slots = new ByteSlots(aggregate, fallback.roles, trialParams);
  }

  /** Rows read by the fast path (the fallback sink counts its own). */
  get rows(): number {
    return this.slots.rows;
  }

  /** One row as bytes[start, end); false when it is valid JSON but not an object. */
  addBytes(bytes: Buffer, start: number, end: number): boolean {
    this.slots.startRow();
    if (this.scan(bytes, start, end)) {
      this.slots.commit();
      return true;
    }

    const value: unknown = JSON.parse(bytes.toString("utf8", start, end));
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    this.fallback.addRow(value as Record<string, unknown>);
    return true;
  }

  // Walks one flat object; false hands the row to JSON.parse.
  private scan(bytes: Buffer, start: number, end: number): boolean {
    let i = skipSpace(bytes, start, end);
    if (bytes[i] !== OPEN_BRACE) return false;
    i = skipSpace(bytes, i + 1, end);
    if (bytes[i] === CLOSE_BRACE) return skipSpace(bytes, i + 1, end) === end;

    for (let field = 0; ; field += 1) {
      if (bytes[i] !== QUOTE) return false;
      const keyEnd = this.readKey(field, bytes, i + 1, end);
      if (keyEnd < 0) return false;
      const code = this.keyCode;

      i = skipSpace(bytes, keyEnd + 1, end);
      if (bytes[i] !== COLON) return false;
      i = this.value(code, bytes, skipSpace(bytes, i + 1, end), end);
      if (i < 0) return false;

      i = skipSpace(bytes, i, end);
      if (bytes[i] === COMMA) {
        i = skipSpace(bytes, i + 1, end);
        continue;
      }
      return bytes[i] === CLOSE_BRACE && skipSpace(bytes, i + 1, end) === end;
    }
  }

  // Finds the end of the key starting at `from` and leaves what it means in
  // keyCode. Usually the key is the one at this position in the previous row,
  // recognised in place: that key was checked to be a plain string, so equal
  // bytes followed by a quote are that key again.
  private readKey(field: number, bytes: Buffer, from: number, end: number): number {
    const cached = this.cachedKeys[field];
    if (cached !== undefined) {
      const close = from + cached.length;
      if (
        close < end &&
        bytes[close] === QUOTE &&
        sameBytes(cached, bytes, from, close)
      ) {
        this.keyCode = this.cachedCodes[field] as number;
        return close;
      }
    }

    const close = stringEnd(bytes, from, end);
    if (close < 0) return -1;
    const code = this.codes.get(bytes.toString("utf8", from, close)) ?? IGNORED;
    this.cachedKeys[field] = Buffer.from(bytes.subarray(from, close));
    this.cachedCodes[field] = code;
    this.keyCode = code;
    return close;
  }

  // Reads (or skips) one value; returns the index after it, -1 for the fallback.
  private value(code: number, bytes: Buffer, i: number, end: number): number {
    const c = bytes[i] as number;
    const isMetric = code >= 0 && code < this.metricCount;
    if (c === QUOTE) {
      const close = stringEnd(bytes, i + 1, end);
      if (close < 0) return -1;
      if (code === TRIAL) this.slots.noteTrial(bytes.toString("utf8", i + 1, close));
      else if (code >= this.metricCount) {
        this.slots.noteParam(code - this.metricCount, STRING_TAG, bytes, i + 1, close);
      }
      return close + 1;
    }
    if ((c >= 48 && c <= 57) || c === MINUS) {
      const after = scanNumber(bytes, i, end, isMetric || code === TRIAL);
      if (after < 0) return -1;
      if (isMetric) this.slots.metricValues[code] = scannedNumber.value;
      else if (code === TRIAL) this.slots.noteTrial(String(scannedNumber.value));
      else if (code >= 0) {
        this.slots.noteParam(code - this.metricCount, NUMBER_TAG, bytes, i, after);
      }
      return after;
    }
    const literal = literalLength(bytes, i, end);
    if (literal === 0) return -1;
    const isNull = c === 110;
    if (!isNull && code === TRIAL)
      this.slots.noteTrial(bytes.toString("latin1", i, i + literal));
    else if (!isNull && code >= this.metricCount) {
      this.slots.noteParam(code - this.metricCount, LITERAL_TAG, bytes, i, i + literal);
    }
    return i + literal;
  }
}

// Most rows have no whitespace at all, so anything above a space ends it at once.
function skipSpace(bytes: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = bytes[i] as number;
    if (c > 32 || (c !== 32 && c !== 9 && c !== 13 && c !== 10)) break;
    i += 1;
  }
  return i;
}

// The closing quote of a string starting at `i`; -1 for an escape, a control
// character (invalid in JSON) or a string that does not end on this line.
function stringEnd(bytes: Buffer, i: number, end: number): number {
  for (let j = i; j < end; j += 1) {
    const c = bytes[j] as number;
    if (c > QUOTE && c !== BACKSLASH) continue;
    if (c === QUOTE) return j;
    if (c === BACKSLASH || c < 32) return -1;
  }
  return -1;
}

const LITERALS = [Buffer.from("true"), Buffer.from("false"), Buffer.from("null")];

/** The length of true, false or null at bytes[i…]; 0 when none is there. */
function literalLength(bytes: Buffer, i: number, end: number): number {
  for (const literal of LITERALS) {
    if (i + literal.length <= end && sameBytes(literal, bytes, i, i + literal.length)) {
      return literal.length;
    }
  }
  return 0;
}
