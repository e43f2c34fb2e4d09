// Discrepancy measures of a design in [0, 1)^d: how far the share of points in
// a box strays from the box's volume. Lower is more uniform. Used to check
// that Sobol designs beat plain random ones; both run in O(n^2 d).

/**
 * Squared L2-star discrepancy by Warnock's closed form: the mean over anchored
 * boxes [0, t) of (share of points − volume)^2.
 */
export function l2StarDiscrepancySquared(points: readonly Float64Array[]): number {
  const { count, dimensions } = shapeOf(points);

  let single = 0;
  for (const x of points) {
    let product = 1;
    for (let k = 0; k < dimensions; k++) product *= 1 - x[k]! * x[k]!;
    single += product;
  }

  let pairs = 0;
  for (const x of points) {
    for (const y of points) {
      let product = 1;
      for (let k = 0; k < dimensions; k++) product *= 1 - Math.max(x[k]!, y[k]!);
      pairs += product;
    }
  }
  return 3 ** -dimensions - (2 ** (1 - dimensions) / count) * single + pairs / count ** 2;
}

/**
 * Squared centered L2 discrepancy (Hickernell 1998): boxes anchored at the
 * nearest corner, so it does not favour the origin as L2-star does.
 */
export function centeredDiscrepancySquared(points: readonly Float64Array[]): number {
  const { count, dimensions } = shapeOf(points);

  let single = 0;
  for (const x of points) {
    let product = 1;
    for (let k = 0; k < dimensions; k++) {
      const a = Math.abs(x[k]! - 0.5);
      product *= 1 + a / 2 - (a * a) / 2;
    }
    single += product;
  }

  let pairs = 0;
  for (const x of points) {
    for (const y of points) {
      let product = 1;
      for (let k = 0; k < dimensions; k++) {
        const a = Math.abs(x[k]! - 0.5);
        const b = Math.abs(y[k]! - 0.5);
        product *= 1 + a / 2 + b / 2 - Math.abs(x[k]! - y[k]!) / 2;
      }
      pairs += product;
    }
  }
  return (13 / 12) ** dimensions - (2 / count) * single + pairs / count ** 2;
}

function shapeOf(points: readonly Float64Array[]): { count: number; dimensions: number } {
  const first = points[0];
  if (first === undefined) throw new RangeError("discrepancy needs at least one point");
  if (points.some((point) => point.length !== first.length)) {
    throw new RangeError("every point must have the same number of dimensions");
  }
  return { count: points.length, dimensions: first.length };
}
