// A seeded reservoir sample (Algorithm R): raw-point plots of huge groups draw
// a fixed-size, reproducible subset instead of every row.

/** mulberry32: a tiny deterministic generator, enough for sampling. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
