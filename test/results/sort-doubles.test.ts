import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortDoubles } from "../../src/results/stats/sort-doubles.ts";

// The reference is Float64Array's own comparison sort; Object.is tells -0
// from 0, which the reference orders first.
function expectSortedLikeNative(values: readonly number[]): void {
  const ours = Float64Array.from(values);
  const reference = Float64Array.from(values).sort();

  sortDoubles(ours);

  expect(Array.from(ours)).toEqual(Array.from(reference));
  for (let i = 0; i < ours.length; i += 1) {
    expect(Object.is(ours[i], reference[i])).toBe(true);
  }
}

const anyDouble = fc.double({ noNaN: true });

describe("sorting batches of doubles", () => {
  it("orders any doubles as Float64Array's sort does, across the radix threshold", () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { minLength: 0, maxLength: 3000 }), (values) => {
        expectSortedLikeNative(values);
      }),
      { numRuns: 60 },
    );
  });

  it("orders doubles that share their upper 32 bits by their lower bits", () => {
    // Neighbours a few ulps apart: every pair agrees in its upper word, so
    // only the final pass can put them in order.
    const base = 0.5444302997417483;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 300, maxLength: 2048 }),
        (steps) => {
          const values = steps.map((step) => base + step * Number.EPSILON * 0.5);
          expectSortedLikeNative(values);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("keeps negative values, zeros of both signs and infinities in numeric order", () => {
    const values: number[] = [];
    for (let i = 0; i < 1000; i += 1) {
      values.push((i % 7) - 3, -(i % 5) / 3, i % 2 === 0 ? 0 : -0);
    }
    values.push(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE);

    expectSortedLikeNative(values);
  });

  it("sorts a subarray in place without touching the rest of its buffer", () => {
    const whole = Float64Array.from({ length: 1200 }, (_, i) => (i * 7919) % 1000);
    const middle = whole.subarray(100, 1100);
    const expected = Float64Array.from(middle).sort();

    sortDoubles(middle);

    expect(Array.from(middle)).toEqual(Array.from(expected));
    expect(whole[0]).toBe(0);
    expect(whole[1199]).toBe((1199 * 7919) % 1000);
  });
});
