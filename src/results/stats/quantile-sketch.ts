// Quantiles in bounded memory. A group keeps its raw values while it has at
// most EXACT_LIMIT of them (exact quantiles, the common case: a few seeds per
// configuration); past that it switches to a merging t-digest (Dunning), which
// keeps at most ~2·compression centroids and is most precise in the tails.
// Sketches merge, so chunks ingested by different workers combine exactly as
// if read by one.
import { quantileSorted } from "simple-statistics";
import { sortDoubles } from "./sort-doubles.ts";

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
    if (this.values.length >= COMPRESSION * 5) this.compress(this.takeSorted());
  }

  /** Adds a batch of values at once; sorts `batch` in place. */
  addAll(batch: Float64Array): void {
    if (this.exact && this.values.length + batch.length <= EXACT_LIMIT) {
      for (const value of batch) this.values.push(value);
      return;
    }
    this.exact = false;
    if (this.values.length === 0) {
      sortDoubles(batch);
      this.compress(batch);
      return;
    }
    const incoming = new Float64Array(this.values.length + batch.length);
    incoming.set(this.values);
    incoming.set(batch, this.values.length);
    this.values = [];
    sortDoubles(incoming);
    this.compress(incoming);
  }

  get isExact(): boolean {
    return this.exact;
  }

  merge(state: SketchState): void {
    for (const value of state.values) this.add(value);
    if (state.means.length === 0) return;
    this.exact = false;
    this.compress(this.takeSorted(), state.means, state.weights);
  }

  snapshot(): SketchState {
    if (!this.exact) this.compress(this.takeSorted());
    return {
      values: [...this.values],
      means: [...this.means],
      weights: [...this.weights],
      exact: this.exact,
    };
  }

  /** The q-quantile (0 ≤ q ≤ 1); NaN when empty. */
  quantile(q: number): number {
    if (this.exact) {
      if (this.values.length === 0) return Number.NaN;
      const sorted = [...this.values].sort((a, b) => a - b);
      return quantileSorted(sorted, q);
    }
    this.compress(this.takeSorted());
    return digestQuantile(this.means, this.weights, q);
  }

  private takeSorted(): Float64Array {
    const sorted = new Float64Array(this.values);
    sortDoubles(sorted);
    this.values = [];
    return sorted;
  }

  // Folds sorted new values (and optionally another digest) into the centroids
  // in one pass: the two sorted runs are merged on the fly, and each point
  // joins the open centroid while the scale function allows, else starts one.
  private compress(
    incoming: Float64Array,
    extraMeans: readonly number[] = [],
    extraWeights: readonly number[] = [],
  ): void {
    const [means, weights] =
      extraMeans.length > 0
        ? mergeRuns(this.means, this.weights, sortedPairs(extraMeans, extraWeights))
        : [this.means, this.weights];
    let total = incoming.length;
    for (const weight of weights) total += weight;

    const folded = new CentroidBuilder(total);
    let i = 0;
    let j = 0;
    while (i < means.length || j < incoming.length) {
      const takeCentroid =
        j >= incoming.length ||
        (i < means.length && (means[i] as number) <= (incoming[j] as number));
      if (takeCentroid) {
        folded.add(means[i] as number, weights[i] as number);
        i += 1;
      } else {
        folded.add(incoming[j] as number, 1);
        j += 1;
      }
    }
    folded.close();
    this.means = folded.means;
    this.weights = folded.weights;
  }
}

// Builds centroids from points given in order. The open centroid keeps the
// weighted sum of its points; its mean is taken once, when it closes.
class CentroidBuilder {
  readonly means: number[] = [];
  readonly weights: number[] = [];
  private sum = 0;
  private weight = 0;
  private seen = 0;
  private limit: number;

  constructor(private readonly total: number) {
    this.limit = total * kToQuantile(quantileToK(0) + 1);
  }

  add(mean: number, weight: number): void {
    if (this.weight > 0 && this.seen + weight <= this.limit) {
      this.sum += mean * weight;
      this.weight += weight;
    } else {
      if (this.weight > 0) {
        this.close();
        this.limit = this.total * kToQuantile(quantileToK(this.seen / this.total) + 1);
      }
      this.sum = mean * weight;
      this.weight = weight;
    }
    this.seen += weight;
  }

  close(): void {
    if (this.weight === 0) return;
    this.means.push(this.weight === 1 ? this.sum : this.sum / this.weight);
    this.weights.push(this.weight);
    this.weight = 0;
  }
}

// Centroids from a snapshot are already in order; anything else is sorted.
function sortedPairs(
  means: readonly number[],
  weights: readonly number[],
): [number[], number[]] {
  let ordered = true;
  for (let i = 1; i < means.length && ordered; i += 1) {
    ordered = (means[i - 1] as number) <= (means[i] as number);
  }
  if (ordered) return [[...means], [...weights]];
  const order = means
    .map((_, i) => i)
    .sort((a, b) => (means[a] as number) - (means[b] as number));
  return [order.map((i) => means[i] as number), order.map((i) => weights[i] as number)];
}

// Merges two sorted centroid lists into one sorted list.
function mergeRuns(
  meansA: readonly number[],
  weightsA: readonly number[],
  [meansB, weightsB]: [number[], number[]],
): [number[], number[]] {
  const means: number[] = [];
  const weights: number[] = [];
  let i = 0;
  let j = 0;
  while (i < meansA.length || j < meansB.length) {
    const takeA =
      j >= meansB.length ||
      (i < meansA.length && (meansA[i] as number) <= (meansB[j] as number));
    if (takeA) {
      means.push(meansA[i] as number);
      weights.push(weightsA[i] as number);
      i += 1;
    } else {
      means.push(meansB[j] as number);
      weights.push(weightsB[j] as number);
      j += 1;
    }
  }
  return [means, weights];
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
function digestQuantile(
  means: readonly number[],
  weights: readonly number[],
  q: number,
): number {
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
