// Gives each distinct parameter value, as spelled in the raw bytes of a row, a
// small integer id, so a row finds its configuration without building strings.
// Two spellings of one value ("0.1", "1e-1") get two ids; both resolve to the
// same group, because groups are keyed by the decoded value.
import type { ParamValue } from "../../plan/types.ts";

export const STRING_TAG = 1;
export const NUMBER_TAG = 2;
export const LITERAL_TAG = 3;

/** Turns a value's bytes into the value; undefined means the row has none. */
export type ValueDecoder = (tag: number, bytes: Buffer) => ParamValue | undefined;

interface Entry {
  readonly tag: number;
  readonly bytes: Buffer;
  readonly id: number;
}

export class ByteInterner {
  /** values[id]: the decoded value; id 0 means "absent from the row". */
  readonly values: (ParamValue | undefined)[] = [undefined];
  private readonly buckets = new Map<number, Entry[]>();
  /** The entry found last: rows of one configuration often come in a run. */
  private last: Entry | null = null;

  /** `decode` reads a new value's bytes (default: JSON's string, number and literal). */
  constructor(private readonly decode: ValueDecoder = decodeJson) {}

  intern(tag: number, bytes: Buffer, from: number, to: number): number {
    const last = this.last;
    if (last !== null && last.tag === tag && sameBytes(last.bytes, bytes, from, to)) {
      return last.id;
    }

    let hash = (0x811c9dc5 ^ tag) >>> 0;
    for (let i = from; i < to; i += 1) {
      hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    }
    // A small integer key keeps the Map lookup on V8's fast path.
    hash &= 0x3fffffff;

    let bucket = this.buckets.get(hash);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(hash, bucket);
    }
    for (const entry of bucket) {
      if (entry.tag === tag && sameBytes(entry.bytes, bytes, from, to)) {
        this.last = entry;
        return entry.id;
      }
    }

    const id = this.values.length;
    const copy = Buffer.from(bytes.subarray(from, to));
    const entry = { tag, bytes: copy, id };
    bucket.push(entry);
    this.values.push(this.decode(tag, copy));
    this.last = entry;
    return id;
  }
}

/** True when bytes[from, to) equals `known`. */
export function sameBytes(
  known: Buffer,
  bytes: Buffer,
  from: number,
  to: number,
): boolean {
  if (known.length !== to - from) return false;
  for (let i = 0; i < known.length; i += 1) {
    if (known[i] !== bytes[from + i]) return false;
  }
  return true;
}

function decodeJson(tag: number, bytes: Buffer): ParamValue {
  if (tag === STRING_TAG) return bytes.toString("utf8");
  if (tag === NUMBER_TAG) return Number(bytes.toString("latin1"));
  return bytes.toString("latin1") === "true";
}
