// A small RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes
// and newlines. Fields that look like numbers or booleans become those types.
import type { ParamValue } from "../../plan/types.ts";

/** Splits complete records out of lines; keeps state across a quoted newline. */
export class CsvRecordReader {
  private pending: string | null = null;

  /** Feeds one physical line; returns the fields when a record is complete. */
  push(line: string): string[] | null {
    const text = this.pending === null ? line : `${this.pending}\n${line}`;
    const fields = parseCsvRecord(text);
    if (fields === null) {
      this.pending = text;
      return null;
    }
    this.pending = null;
    return fields;
  }

  /** True when the input ended inside a quoted field. */
  get unterminated(): boolean {
    return this.pending !== null;
  }
}

/** Parses one record; null when a quoted field is still open. */
export function parseCsvRecord(text: string): string[] | null {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;

  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else field += char;
    i += 1;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** "0.5" → 0.5, "true" → true, "" → null, anything else stays a string. */
export function csvValue(text: string): ParamValue | null {
  if (text === "") return null;
  if (text === "true") return true;
  if (text === "false") return false;
  if (DECIMAL.test(text)) return Number(text);
  return text;
}
