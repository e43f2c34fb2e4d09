// Everything kept per (group, metric): moments, a quantile sketch and a seeded
// reservoir for raw-point plots. Bounded in size however many values arrive.
import { QuantileSketch, type SketchState } from "./quantile-sketch.ts";
import { Reservoir, type ReservoirState } from "./reservoir.ts";
import { Welford, type Moments } from "./welford.ts";

export const RESERVOIR_SIZE = 256;

export interface MetricState {
  readonly moments: Moments;
  readonly sketch: SketchState;
  readonly reservoir: ReservoirState;
}

export class MetricAccumulator {
  readonly moments = new Welford();
  readonly sketch = new QuantileSketch();
  readonly reservoir: Reservoir;

  constructor(seed: number) {
    this.reservoir = new Reservoir(RESERVOIR_SIZE, seed);
  }

  add(value: number): void {
    this.moments.add(value);
    this.sketch.add(value);
    this.reservoir.add(value);
  }

  merge(state: MetricState): void {
    this.moments.merge(state.moments);
    this.sketch.merge(state.sketch);
    this.reservoir.merge(state.reservoir);
  }

  snapshot(): MetricState {
    return {
      moments: this.moments.snapshot(),
      sketch: this.sketch.snapshot(),
      reservoir: this.reservoir.snapshot(),
    };
  }
}
