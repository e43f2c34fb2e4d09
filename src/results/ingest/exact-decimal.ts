// m · 10^e rounded to the nearest double, for mantissas of up to 19 digits,
// without a string: the product is formed in double-double arithmetic
// (Dekker's exact products) with an error far below half an ulp, and a result
// that lands too near a rounding boundary is reported as null so the caller
// can fall back to Number(). This keeps JSON.parse's rounding exactly.
// Each step returns one number, so everything stays in registers.

const SPLITTER = 134217729; // 2^27 + 1
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

// a · b = product + productError(a, b, product) exactly, where product = a · b
// rounded (Dekker: split both factors into 26-bit halves).
function productError(a: number, b: number, product: number): number {
  let c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  c = SPLITTER * b;
  const bHigh = c - (c - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

// a + b = sum + sumError(a, b, sum) exactly, where sum = a + b rounded (Knuth).
function sumError(a: number, b: number, sum: number): number {
  const bVirtual = sum - a;
  return a - (sum - bVirtual) + (b - bVirtual);
}

/**
 * The double nearest to (leading · 10^trailingDigits + trailing) · 10^exponent,
 * or null when it cannot be decided safely here. `leading` < 10^15,
 * `trailing` < 10^trailingDigits, trailingDigits ≤ 4, |exponent| ≤ 22.
 */
export function decimalToDouble(
  leading: number,
  trailing: number,
  trailingDigits: number,
  exponent: number,
): number | null {
  // The mantissa as mantissaHigh + mantissaLow.
  const scale = POWERS_OF_TEN[trailingDigits] as number;
  const shifted = leading * scale;
  const shiftedError = productError(leading, scale, shifted);
  const withTrailing = shifted + trailing;
  const lowSum = sumError(shifted, trailing, withTrailing) + shiftedError;
  const mantissaHigh = withTrailing + lowSum;
  const mantissaLow = sumError(withTrailing, lowSum, mantissaHigh);

  // Times or divided by the power of ten, as high + low.
  const power = POWERS_OF_TEN[Math.abs(exponent)] as number;
  let high: number;
  let low: number;
  if (exponent >= 0) {
    const product = mantissaHigh * power;
    const tail = productError(mantissaHigh, power, product) + mantissaLow * power;
    high = product + tail;
    low = sumError(product, tail, high);
  } else {
    const quotient = mantissaHigh / power;
    const back = quotient * power;
    const backError = productError(quotient, power, back);
    const remainder = (mantissaHigh - back - backError + mantissaLow) / power;
    high = quotient + remainder;
    low = sumError(quotient, remainder, high);
  }

  // The true value lies within `margin` of high + low. Rounding is monotonic,
  // so if both ends of that interval round to `high`, so does the true value.
  const margin = Math.abs(high) * 2 ** -90;
  if (high + (low + margin) !== high || high + (low - margin) !== high) return null;
  return high;
}
