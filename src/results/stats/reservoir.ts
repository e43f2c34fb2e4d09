// A seeded reservoir sample (Algorithm R, drawn with Vitter's skips): raw-point
// plots of huge groups draw a fixed-size, reproducible subset instead of every
// row.
// The generator alone: worker threads load each module through the TypeScript
// loader, and the space index would bring zod and every sampler with it.
import { createRng } from "../../space/rng.ts";

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
  /** The value of `seen` at which the next value enters a full sample. */
  private nextTaken = 0;

  constructor(
    readonly capacity: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  add(value: number): void {
    this.seen += 1;
    if (this.sample.length < this.capacity) {
      this.sample.push(value);
      return;
    }
    if (this.nextTaken <= this.capacity)
      this.nextTaken = this.drawNextTaken(this.seen - 1);
    if (this.seen === this.nextTaken) this.take(value);
  }

  // The same sampling as add, jumping straight to the values that are taken.
  addAll(values: Float64Array): void {
    let i = 0;
    while (i < values.length && this.sample.length < this.capacity) {
      this.sample.push(values[i] as number);
      i += 1;
    }
    const first = this.seen + i;
    this.seen += values.length;
    if (i === values.length) return;

    if (this.nextTaken <= this.capacity) this.nextTaken = this.drawNextTaken(first);
    while (this.nextTaken <= this.seen) {
      this.take(values[this.nextTaken - first - 1 + i] as number);
    }
  }

  // Replaces a random member and draws where the next replacement falls.
  private take(value: number): void {
    this.sample[Math.floor(this.random() * this.capacity)] = value;
    this.nextTaken = this.drawNextTaken(this.nextTaken);
  }

  // Vitter's Algorithm X: after `seen` values, value seen + 1 + s is the next
  // one taken with probability (1 − k/(seen+1))···(1 − k/(seen+s))·k/(seen+s+1),
  // exactly as if each value were taken with probability k/index (Algorithm R),
  // but with one random draw per taken value instead of one per value.
  private drawNextTaken(seen: number): number {
    const threshold = 1 - this.random();
    let index = seen + 1;
    let skipAll = (index - this.capacity) / index;
    while (skipAll > threshold) {
      index += 1;
      skipAll *= (index - this.capacity) / index;
    }
    return index;
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
    this.nextTaken = 0;
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
