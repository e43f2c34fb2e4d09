// A scanner for the common shape of a result row: one flat JSON object of
// numbers, strings, booleans and nulls. It reads a span of a larger text in
// place, hands each field to a callback and allocates only the key and string
// values. Anything else (nesting, escapes) returns false, and the caller falls
// back to JSON.parse, so every valid line is read correctly.

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COLON = 58;
const COMMA = 44;

export type FieldValue = number | string | boolean | null;

function skipSpace(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    i += 1;
  }
  return i;
}

// Finds the closing quote of a string starting at `i`; -1 when it holds an
// escape (left to JSON.parse) or does not end on this line.
function stringEnd(text: string, i: number, end: number): number {
  for (let j = i; j < end; j += 1) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return j;
    if (c === BACKSLASH) return -1;
  }
  return -1;
}

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;
}

/**
 * Remembers the keys and string values of the previous row by field position:
 * rows of one file usually repeat them, and a match avoids a new string.
 */
export interface ScanCache {
  readonly keys: (string | undefined)[];
  readonly strings: (string | undefined)[];
}

export function createScanCache(): ScanCache {
  return { keys: [], strings: [] };
}

// The string at text[i…] up to its closing quote, reusing `cached` when equal.
function readString(text: string, i: number, end: number, cached: string | undefined)
  : [string, number] | null {
  if (cached !== undefined && text.startsWith(cached, i)
    && text.charCodeAt(i + cached.length) === QUOTE) {
    return [cached, i + cached.length];
  }
  const close = stringEnd(text, i, end);
  return close < 0 ? null : [text.slice(i, close), close];
}

/** Scans `{…}` in text[start, end); returns false when the line needs JSON.parse. */
export function scanFlatObject(
  text: string,
  start: number,
  end: number,
  onField: (key: string, value: FieldValue) => void,
  cache: ScanCache = createScanCache(),
): boolean {
  let i = skipSpace(text, start, end);
  if (text.charCodeAt(i) !== OPEN_BRACE) return false;
  i = skipSpace(text, i + 1, end);
  if (text.charCodeAt(i) === CLOSE_BRACE) return skipSpace(text, i + 1, end) === end;

  for (let field = 0; ; field += 1) {
    if (text.charCodeAt(i) !== QUOTE) return false;
    const keyRead = readString(text, i + 1, end, cache.keys[field]);
    if (keyRead === null) return false;
    const [key, keyEnd] = keyRead;
    cache.keys[field] = key;
    i = skipSpace(text, keyEnd + 1, end);
    if (text.charCodeAt(i) !== COLON) return false;
    i = skipSpace(text, i + 1, end);

    const c = text.charCodeAt(i);
    let value: FieldValue;
    if (c === QUOTE) {
      const valueRead = readString(text, i + 1, end, cache.strings[field]);
      if (valueRead === null) return false;
      value = valueRead[0];
      cache.strings[field] = value;
      i = valueRead[1] + 1;
    } else if ((c >= 48 && c <= 57) || c === 45) {
      let j = i + 1;
      while (j < end && isNumberChar(text.charCodeAt(j))) j += 1;
      value = Number(text.slice(i, j));
      if (Number.isNaN(value)) return false;
      i = j;
    } else if (text.startsWith("true", i)) {
      value = true;
      i += 4;
    } else if (text.startsWith("false", i)) {
      value = false;
      i += 5;
    } else if (text.startsWith("null", i)) {
      value = null;
      i += 4;
    } else {
      return false;
    }
    onField(key, value);

    i = skipSpace(text, i, end);
    const next = text.charCodeAt(i);
    if (next === COMMA) {
      i = skipSpace(text, i + 1, end);
      continue;
    }
    if (next === CLOSE_BRACE) return skipSpace(text, i + 1, end) === end;
    return false;
  }
}
