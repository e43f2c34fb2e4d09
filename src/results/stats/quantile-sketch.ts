// Quantiles in bounded memory. A group keeps its raw values while it has at
// most EXACT_LIMIT of them (exact quantiles, the common case: a few seeds per
// configuration); past that it switches to a merging t-digest (Dunning), which
// keeps at most ~2·compression centroids and is most precise in the tails.
// Sketches merge, so chunks ingested by different workers combine exactly as
// if read by one.
import { quantileSorted } from "simple-statistics";

export const EXACT_LIMIT = 2048;
const COMPRESSION = 200;

export interface SketchState {
  /** Raw values while exact; empty once digested. */
  readonly values: readonly number[];
  /** Centroid means and weights once digested. */
  readonly means: readonly number[];
  readonly weights: readonly number[];
  readonly exact: boolean;
}

export class QuantileSketch {
  private values: number[] = [];
  private means: number[] = [];
  private weights: number[] = [];
  private exact = true;

  add(value: number): void {
    this.values.push(value);
    if (this.exact) {
      if (this.values.length > EXACT_LIMIT) this.exact = false;
      return;
    }
    if (this.values.length >= COMPRESSION * 5) this.compress();
  }

  get isExact(): boolean {
    return this.exact;
  }

  merge(state: SketchState): void {
    for (const value of state.values) this.add(value);
    if (state.means.length === 0) return;
    this.exact = false;
    this.compress(state.means, state.weights);
  }

  snapshot(): SketchState {
    if (!this.exact) this.compress();
    return {
      values: [...this.values], means: [...this.means],
      weights: [...this.weights], exact: this.exact,
    };
  }

  /** The q-quantile (0 ≤ q ≤ 1); NaN when empty. */
  quantile(q: number): number {
    if (this.exact) {
      if (this.values.length === 0) return Number.NaN;
      const sorted = [...this.values].sort((a, b) => a - b);
      return quantileSorted(sorted, q);
    }
    this.compress();
    return digestQuantile(this.means, this.weights, q);
  }

  // Folds buffered values (and optionally another digest) into the centroids.
  private compress(extraMeans: readonly number[] = [], extraWeights: readonly number[] = []): void {
    const points: [number, number][] = [];
    for (let i = 0; i < this.means.length; i += 1) {
      points.push([this.means[i] as number, this.weights[i] as number]);
    }
    for (let i = 0; i < extraMeans.length; i += 1) {
      points.push([extraMeans[i] as number, extraWeights[i] as number]);
    }
    for (const value of this.values) points.push([value, 1]);
    this.values = [];
    points.sort((a, b) => a[0] - b[0]);

    const total = points.reduce((sum, point) => sum + point[1], 0);
    const means: number[] = [];
    const weights: number[] = [];
    let seen = 0;
    let limit = total * kToQuantile(quantileToK(0) + 1);
    for (const [mean, weight] of points) {
      const last = means.length - 1;
      if (last >= 0 && seen + weight <= limit) {
        const merged = (weights[last] as number) + weight;
        means[last] = (means[last] as number) + ((mean - (means[last] as number)) * weight) / merged;
        weights[last] = merged;
      } else {
        if (last >= 0) limit = total * kToQuantile(quantileToK(seen / total) + 1);
        means.push(mean);
        weights.push(weight);
      }
      seen += weight;
    }
    this.means = means;
    this.weights = weights;
  }
}

// The k1 scale function: centroids are small near q = 0 and q = 1.
function quantileToK(q: number): number {
  return (COMPRESSION / (2 * Math.PI)) * Math.asin(2 * Math.min(1, Math.max(0, q)) - 1);
}

function kToQuantile(k: number): number {
  const angle = Math.min(Math.PI / 2, (k * 2 * Math.PI) / COMPRESSION);
  return (Math.sin(angle) + 1) / 2;
}

// Interpolates between centroid centres, each centre sitting at the middle of
// the mass it represents.
function digestQuantile(means: readonly number[], weights: readonly number[], q: number): number {
  if (means.length === 0) return Number.NaN;
  if (means.length === 1) return means[0] as number;
  const total = weights.reduce((sum, w) => sum + w, 0);
  const target = q * total;

  let cumulative = 0;
  let previousCentre = 0;
  for (let i = 0; i < means.length; i += 1) {
    const weight = weights[i] as number;
    const centre = cumulative + weight / 2;
    if (target <= centre) {
      if (i === 0) return means[0] as number;
      const span = centre - previousCentre;
      const fraction = span > 0 ? (target - previousCentre) / span : 0;
      const before = means[i - 1] as number;
      return before + fraction * ((means[i] as number) - before);
    }
    previousCentre = centre;
    cumulative += weight;
  }
  return means[means.length - 1] as number;
}
