// The simulator's clock: pending events ordered by time, kept in parallel
// typed arrays because a 100,000-trial plan pushes and pops 100,000 of them.

export const EVENT_END = 0;
export const EVENT_NODE_FAILURE = 1;

export class EventQueue {
  private times = new Float64Array(256);
  private kinds = new Uint8Array(256);
  private targets = new Int32Array(256);
  private attempts = new Int32Array(256);
  private count = 0;

  /** Fields of the event most recently popped. */
  time = 0;
  kind = 0;
  target = 0;
  attempt = 0;

  get size(): number {
    return this.count;
  }

  /** Time of the next event, or undefined when none is pending. */
  peekTime(): number | undefined {
    return this.count > 0 ? this.times[0] : undefined;
  }

  push(time: number, kind: number, target: number, attempt: number): void {
    if (this.count === this.times.length) this.grow();
    let child = this.count;
    this.count += 1;

    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.earlier(time, kind, parent)) break;
      this.move(parent, child);
      child = parent;
    }
    this.set(child, time, kind, target, attempt);
  }

  /** Removes the earliest event into time/kind/target/attempt; false if none. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.time = this.times[0] as number;
    this.kind = this.kinds[0] as number;
    this.target = this.targets[0] as number;
    this.attempt = this.attempts[0] as number;

    this.count -= 1;
    const last = this.count;
    if (last === 0) return true;
    const time = this.times[last] as number;
    const kind = this.kinds[last] as number;
    const target = this.targets[last] as number;
    const attempt = this.attempts[last] as number;

    let parent = 0;
    for (;;) {
      const left = parent * 2 + 1;
      if (left >= last) break;
      const right = left + 1;
      const child = right < last && this.before(right, left) ? right : left;
      if (!this.earlier(this.times[child] as number, this.kinds[child] as number, parent, time,
        kind)) break;
      this.move(child, parent);
      parent = child;
    }
    this.set(parent, time, kind, target, attempt);
    return true;
  }

  // Ends sort before failures at the same instant: a trial finishing as its
  // node dies counts as finished.
  private earlier(time: number, kind: number, slot: number, otherTime?: number,
    otherKind?: number): boolean {
    const t = otherTime ?? (this.times[slot] as number);
    const k = otherKind ?? (this.kinds[slot] as number);
    return time < t || (time === t && kind < k);
  }

  private before(a: number, b: number): boolean {
    return this.earlier(this.times[a] as number, this.kinds[a] as number, b);
  }

  private move(from: number, to: number): void {
    this.set(to, this.times[from] as number, this.kinds[from] as number,
      this.targets[from] as number, this.attempts[from] as number);
  }

  private set(slot: number, time: number, kind: number, target: number, attempt: number): void {
    this.times[slot] = time;
    this.kinds[slot] = kind;
    this.targets[slot] = target;
    this.attempts[slot] = attempt;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    const targets = new Int32Array(size);
    targets.set(this.targets);
    const attempts = new Int32Array(size);
    attempts.set(this.attempts);
    Object.assign(this, { times, kinds, targets, attempts });
  }
}
