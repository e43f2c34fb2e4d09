// Everything kept per (group, metric): moments, a quantile sketch and a seeded
// reservoir for raw-point plots. Bounded in size however many values arrive.
import { QuantileSketch, type SketchState } from "./quantile-sketch.ts";
import { Reservoir, type ReservoirState } from "./reservoir.ts";
import { Welford, type Moments } from "./welford.ts";

export const RESERVOIR_SIZE = 256;

/** Values wait in a typed buffer of at most this many before they are folded in. */
export const BATCH_SIZE = 2048;
const FIRST_BATCH_SIZE = 16;

export interface MetricState {
  readonly moments: Moments;
  readonly sketch: SketchState;
  readonly reservoir: ReservoirState;
}

// Ingestion adds values one at a time, but the three summaries take them a
// batch at a time (one tight loop each, one native sort for the sketch), so
// `add` only stores the value. Reading any summary folds the pending batch in
// first, so readers always see every value added.
export class MetricAccumulator {
  private readonly welford = new Welford();
  private readonly quantiles = new QuantileSketch();
  private readonly sampler: Reservoir;
  // Grows from a few slots, so the many small groups of a sweep stay small.
  private pending = new Float64Array(FIRST_BATCH_SIZE);
  private pendingCount = 0;

  constructor(seed: number) {
    this.sampler = new Reservoir(RESERVOIR_SIZE, seed);
  }

  add(value: number): void {
    if (this.pendingCount === this.pending.length) this.makeRoom();
    this.pending[this.pendingCount] = value;
    this.pendingCount += 1;
  }

  get moments(): Welford {
    this.flush();
    return this.welford;
  }

  get sketch(): QuantileSketch {
    this.flush();
    return this.quantiles;
  }

  get reservoir(): Reservoir {
    this.flush();
    return this.sampler;
  }

  merge(state: MetricState): void {
    this.flush();
    this.welford.merge(state.moments);
    this.quantiles.merge(state.sketch);
    this.sampler.merge(state.reservoir);
  }

  snapshot(): MetricState {
    this.flush();
    return {
      moments: this.welford.snapshot(),
      sketch: this.quantiles.snapshot(),
      reservoir: this.sampler.snapshot(),
    };
  }

  private makeRoom(): void {
    if (this.pending.length >= BATCH_SIZE) {
      this.flush();
      return;
    }
    const larger = new Float64Array(this.pending.length * 2);
    larger.set(this.pending);
    this.pending = larger;
  }

  // The reservoir sees values in arrival order; the sketch sorts the batch in
  // place, so it goes last.
  private flush(): void {
    if (this.pendingCount === 0) return;
    const batch = this.pending.subarray(0, this.pendingCount);
    this.welford.addAll(batch);
    this.sampler.addAll(batch);
    this.quantiles.addAll(batch);
    this.pendingCount = 0;
  }
}
