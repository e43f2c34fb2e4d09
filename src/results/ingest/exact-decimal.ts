// m · 10^e rounded to the nearest double, for mantissas of up to 19 digits,
// without a string: the product is formed in double-double arithmetic
// (Dekker's exact products) with an error far below half an ulp, and a result
// that lands too near a rounding boundary is reported as null so the caller
// can fall back to Number(). This keeps JSON.parse's rounding exactly.

const SPLITTER = 134217729; // 2^27 + 1
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Results of the double-double steps, kept here so nothing allocates. */
let high = 0;
let low = 0;

// high + low = a · b exactly.
function twoProduct(a: number, b: number): void {
  const product = a * b;
  let c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  c = SPLITTER * b;
  const bHigh = c - (c - b);
  const bLow = b - bHigh;
  high = product;
  low = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow;
}

// high + low = a + b exactly.
function twoSum(a: number, b: number): void {
  const sum = a + b;
  const bVirtual = sum - a;
  high = sum;
  low = (a - (sum - bVirtual)) + (b - bVirtual);
}

/**
 * The double nearest to (leading · 10^trailingDigits + trailing) · 10^exponent,
 * or null when it cannot be decided safely here. `leading` < 10^15,
 * `trailing` < 10^trailingDigits, trailingDigits ≤ 4, |exponent| ≤ 22.
 */
export function decimalToDouble(leading: number, trailing: number, trailingDigits: number,
  exponent: number): number | null {
  twoProduct(leading, POWERS_OF_TEN[trailingDigits] as number);
  const productLow = low;
  twoSum(high, trailing);
  let mantissaHigh = high;
  let mantissaLow = low + productLow;
  twoSum(mantissaHigh, mantissaLow);
  mantissaHigh = high;
  mantissaLow = low;

  const power = POWERS_OF_TEN[Math.abs(exponent)] as number;
  if (exponent >= 0) {
    twoProduct(mantissaHigh, power);
    const tail = low + mantissaLow * power;
    twoSum(high, tail);
  } else {
    const quotient = mantissaHigh / power;
    twoProduct(quotient, power);
    const remainder = ((mantissaHigh - high) - low + mantissaLow) / power;
    twoSum(quotient, remainder);
  }

  // The true value lies within `margin` of high + low. Rounding is monotonic,
  // so if both ends of that interval round to `high`, so does the true value.
  const margin = Math.abs(high) * 2 ** -90;
  if (high + (low + margin) !== high || high + (low - margin) !== high) return null;
  return high;
}
