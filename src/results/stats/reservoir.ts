// A seeded reservoir sample (Algorithm R): raw-point plots of huge groups draw
// a fixed-size, reproducible subset instead of every row.
import { createRng } from "../../space/index.ts";

/** Uniform doubles in [0, 1) from the project's one seeded generator. */
export function seededRandom(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.nextFloat();
}

export interface ReservoirState {
  readonly seen: number;
  readonly sample: readonly number[];
}

export class Reservoir {
  private readonly random: () => number;
  seen = 0;
  sample: number[] = [];

  constructor(readonly capacity: number, seed: number) {
    this.random = seededRandom(seed);
  }

  add(value: number): void {
    this.seen += 1;
    if (this.sample.length < this.capacity) {
      this.sample.push(value);
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.capacity) this.sample[slot] = value;
  }

  // Algorithm R over a batch: the same draws, in the same order, as add.
  addAll(values: Float64Array): void {
    let i = 0;
    while (i < values.length && this.sample.length < this.capacity) {
      this.sample.push(values[i] as number);
      i += 1;
    }
    this.seen += i;

    for (; i < values.length; i += 1) {
      this.seen += 1;
      const slot = Math.floor(this.random() * this.seen);
      if (slot < this.capacity) this.sample[slot] = values[i] as number;
    }
  }

  // Merging keeps each side's share proportional to how many values it saw.
  merge(other: ReservoirState): void {
    if (other.seen === 0) return;
    const total = this.seen + other.seen;
    if (total <= this.capacity) {
      this.sample.push(...other.sample);
      this.seen = total;
      return;
    }
    const keepOther = Math.round((this.capacity * other.seen) / total);
    const mine = this.shuffled(this.sample).slice(0, this.capacity - keepOther);
    const theirs = this.shuffled(other.sample).slice(0, keepOther);
    this.sample = [...mine, ...theirs];
    this.seen = total;
  }

  get isComplete(): boolean {
    return this.seen === this.sample.length;
  }

  snapshot(): ReservoirState {
    return { seen: this.seen, sample: [...this.sample] };
  }

  private shuffled(values: readonly number[]): number[] {
    const copy = [...values];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as number, copy[i] as number];
    }
    return copy;
  }
}
