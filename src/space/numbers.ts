// Numeric helpers for grid values: generated floats are rounded to 15
// significant digits so 0.1 + 2 * 0.1 is written as 0.3 and logspace hits
// exact decades; 15 digits is below double precision, so distinct values stay
// distinct for any grid a person would write.

/** Rounds away binary noise from a computed grid value. */
export function cleanFloat(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(15));
}

/** Tolerance (in steps) for a float range's stop landing on the grid. */
export const STEP_TOLERANCE = 1e-9;

/** How many grid values start, start+step, … reach up to stop (inclusive). */
export function rangeCount(start: number, stop: number, step: number): number {
  const steps = (stop - start) / step;
  return Math.floor(steps + STEP_TOLERANCE) + 1;
}
