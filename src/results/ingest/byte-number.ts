// JSON numbers read straight from UTF-8 bytes. Short decimals (at most 15
// significant digits, power of ten within ±22) are computed exactly from an
// integer mantissa and one exact power of ten (Clinger's fast path); up to 19
// digits go through exact-decimal.ts. Both round the same way as JSON.parse.
// Anything else falls back to Number() on the few bytes of the number alone.
import { decimalToDouble } from "./exact-decimal.ts";

const ZERO = 48;
const NINE = 57;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;
const MAX_FAST_DIGITS = 15;
const MAX_FAST_EXPONENT = 22;
const MAX_DIGITS = 19;

const POWERS_OF_TEN = Array.from({ length: MAX_FAST_EXPONENT + 1 }, (_, i) => 10 ** i);

/** Where the value of the last scanNumber call is left, so scanning never allocates. */
export const scannedNumber = { value: 0 };

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * Validates the JSON number grammar at bytes[i…]; returns the index after it
 * or -1 when it is not a JSON number. With `wanted`, the value is left in
 * scannedNumber.value.
 */
export function scanNumber(bytes: Buffer, i: number, end: number, wanted: boolean)
  : number {
  const first = i;
  const negative = bytes[i] === MINUS;
  if (negative) i += 1;

  // Significant digits: the first 15 in `leading`, the next 4 in `trailing`,
  // so both stay exact integers.
  let leading = 0;
  let trailing = 0;
  let digits = 0;
  let exponent = 0;
  if (bytes[i] === ZERO) {
    i += 1;
  } else {
    if (i >= end || !isDigit(bytes[i] as number)) return -1;
    for (; i < end; i += 1) {
      const c = bytes[i] as number;
      if (c < ZERO || c > NINE) break;
      if (digits < MAX_FAST_DIGITS) leading = leading * 10 + (c - ZERO);
      else if (digits < MAX_DIGITS) trailing = trailing * 10 + (c - ZERO);
      digits += 1;
    }
  }

  if (i < end && bytes[i] === DOT) {
    i += 1;
    if (i >= end || !isDigit(bytes[i] as number)) return -1;
    for (; i < end; i += 1) {
      const c = bytes[i] as number;
      if (c < ZERO || c > NINE) break;
      exponent -= 1;
      if (digits === 0 && c === ZERO) continue;
      if (digits < MAX_FAST_DIGITS) leading = leading * 10 + (c - ZERO);
      else if (digits < MAX_DIGITS) trailing = trailing * 10 + (c - ZERO);
      digits += 1;
    }
  }

  if (i < end && (bytes[i] === LOWER_E || bytes[i] === UPPER_E)) {
    i += 1;
    let sign = 1;
    if (bytes[i] === MINUS || bytes[i] === PLUS) {
      if (bytes[i] === MINUS) sign = -1;
      i += 1;
    }
    if (i >= end || !isDigit(bytes[i] as number)) return -1;
    let written = 0;
    while (i < end && isDigit(bytes[i] as number)) {
      if (written < 100_000) written = written * 10 + ((bytes[i] as number) - ZERO);
      i += 1;
    }
    exponent += sign * written;
  }

  if (wanted) {
    const magnitude = exactMagnitude(leading, trailing, digits, exponent);
    scannedNumber.value = magnitude === null ? Number(bytes.toString("latin1", first, i))
      : negative ? -magnitude : magnitude;
  }
  return i;
}

// The exact magnitude when a fast path applies; null sends the caller to Number().
function exactMagnitude(leading: number, trailing: number, digits: number,
  exponent: number): number | null {
  if (leading === 0) return 0;
  if (digits <= MAX_FAST_DIGITS) {
    if (exponent >= 0 && exponent <= MAX_FAST_EXPONENT) {
      return leading * (POWERS_OF_TEN[exponent] as number);
    }
    if (exponent < 0 && exponent >= -MAX_FAST_EXPONENT) {
      return leading / (POWERS_OF_TEN[-exponent] as number);
    }
    return null;
  }
  if (digits <= MAX_DIGITS && Math.abs(exponent) <= MAX_FAST_EXPONENT) {
    return decimalToDouble(leading, trailing, digits - MAX_FAST_DIGITS, exponent);
  }
  return null;
}
