// Ordinary least squares for a handful of features, solved through the
// normal equations with partial pivoting. Models here have at most a few
// parameters, so this is exact enough and needs no matrix library.

export interface LeastSquaresFit {
  /** intercept first, then one coefficient per feature column. */
  readonly coefficients: readonly number[];
  readonly residuals: readonly number[];
  /** 1 - SS_res / SS_tot; 1 when the targets do not vary and fit exactly. */
  readonly rSquared: number;
}

/** Fits y ≈ b0 + Σ b_j x_j; rows of `features` are observations. */
export function leastSquares(
  features: readonly (readonly number[])[],
  targets: readonly number[],
): LeastSquaresFit {
  const width = (features[0]?.length ?? 0) + 1;
  const normal = Array.from({ length: width }, () => new Array<number>(width + 1).fill(0));

  features.forEach((row, r) => {
    const x = [1, ...row];
    for (let i = 0; i < width; i += 1) {
      const line = normal[i] as number[];
      for (let j = 0; j < width; j += 1) line[j]! += x[i]! * x[j]!;
      line[width]! += x[i]! * targets[r]!;
    }
  });

  const coefficients = solve(normal, width);
  const residuals = targets.map((y, r) =>
    y - predictRow(coefficients, features[r] as number[]));
  return { coefficients, residuals, rSquared: rSquared(targets, residuals) };
}

/** b0 + Σ b_j x_j for one row. */
export function predictRow(coefficients: readonly number[], row: readonly number[]): number {
  let value = coefficients[0] as number;
  row.forEach((x, j) => { value += (coefficients[j + 1] as number) * x; });
  return value;
}

// Gauss-Jordan elimination of the augmented system; a singular column (a
// feature that is a combination of others) gets coefficient 0.
function solve(augmented: number[][], width: number): number[] {
  for (let column = 0; column < width; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < width; row += 1) {
      const candidate = Math.abs(augmented[row]![column]!);
      if (candidate > Math.abs(augmented[pivot]![column]!)) pivot = row;
    }
    [augmented[column], augmented[pivot]] = [augmented[pivot]!, augmented[column]!];
    const lead = augmented[column]![column]!;
    if (Math.abs(lead) < 1e-12) continue;

    for (let row = 0; row < width; row += 1) {
      if (row === column) continue;
      const factor = augmented[row]![column]! / lead;
      const target = augmented[row]!;
      const source = augmented[column]!;
      for (let k = column; k <= width; k += 1) target[k]! -= factor * source[k]!;
    }
  }

  return Array.from({ length: width }, (_, i) => {
    const lead = augmented[i]![i]!;
    return Math.abs(lead) < 1e-12 ? 0 : augmented[i]![width]! / lead;
  });
}

function rSquared(targets: readonly number[], residuals: readonly number[]): number {
  const mean = targets.reduce((sum, y) => sum + y, 0) / targets.length;
  const total = targets.reduce((sum, y) => sum + (y - mean) ** 2, 0);
  const unexplained = residuals.reduce((sum, e) => sum + e ** 2, 0);
  const tiny = 1e-12 * Math.max(1, targets.length);
  if (total <= tiny) return unexplained <= tiny ? 1 : 0;
  return 1 - unexplained / total;
}
