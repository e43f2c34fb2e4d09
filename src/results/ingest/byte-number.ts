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

  mantissa.leading = 0;
  mantissa.trailing = 0;
  mantissa.digits = 0;
  let exponent = 0;
  if (bytes[i] === ZERO) {
    i += 1;
  } else {
    if (i >= end || !isDigit(bytes[i] as number)) return -1;
    while (i < end && isDigit(bytes[i] as number)) {
      pushDigit((bytes[i] as number) - ZERO);
      i += 1;
    }
  }

  if (i < end && bytes[i] === DOT) {
    i += 1;
    if (i >= end || !isDigit(bytes[i] as number)) return -1;
    while (i < end && isDigit(bytes[i] as number)) {
      const digit = (bytes[i] as number) - ZERO;
      if (mantissa.digits > 0 || digit !== 0) pushDigit(digit);
      exponent -= 1;
      i += 1;
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

  if (wanted) scannedNumber.value = numberValue(bytes, first, i, negative, exponent);
  return i;
}

// The significant digits seen so far: the first 15 in `leading`, the next
// ones in `trailing`, so both stay exact integers.
const mantissa = { leading: 0, trailing: 0, digits: 0 };

function pushDigit(digit: number): void {
  if (mantissa.digits < MAX_FAST_DIGITS) mantissa.leading = mantissa.leading * 10 + digit;
  else if (mantissa.digits < MAX_DIGITS) mantissa.trailing = mantissa.trailing * 10 + digit;
  mantissa.digits += 1;
}

// The exact value when a fast path applies, Number() of the bytes otherwise.
function numberValue(bytes: Buffer, first: number, last: number, negative: boolean,
  exponent: number): number {
  const { leading, trailing, digits } = mantissa;
  let magnitude: number | null = null;
  if (leading === 0) magnitude = 0;
  else if (digits <= MAX_FAST_DIGITS) {
    if (exponent >= 0 && exponent <= MAX_FAST_EXPONENT) {
      magnitude = leading * (POWERS_OF_TEN[exponent] as number);
    } else if (exponent < 0 && exponent >= -MAX_FAST_EXPONENT) {
      magnitude = leading / (POWERS_OF_TEN[-exponent] as number);
    }
  } else if (digits <= MAX_DIGITS && Math.abs(exponent) <= MAX_FAST_EXPONENT) {
    magnitude = decimalToDouble(leading, trailing, digits - MAX_FAST_DIGITS, exponent);
  }
  if (magnitude !== null) return negative ? -magnitude : magnitude;
  return Number(bytes.toString("latin1", first, last));
}
