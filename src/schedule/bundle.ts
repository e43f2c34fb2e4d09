// First-fit-decreasing bundling: many short trials become fewer array tasks
// of about a target length, so a cluster sees minutes-long tasks instead of
// thousands of seconds-long ones. A trial longer than the target is a task
// of its own. A segment tree over the bins' free time keeps first-fit at
// O(log n) per trial.

export interface BundleInput {
  readonly id: string;
  readonly seconds: number;
}

export interface Bundle {
  /** Trial ids in the order the task runs them. */
  readonly ids: readonly string[];
  readonly seconds: number;
}

/** Bundles of trials, each at most `targetSeconds` long unless a trial is longer. */
export function bundleTrials(trials: readonly BundleInput[], targetSeconds: number): Bundle[] {
  if (!(targetSeconds > 0)) throw new RangeError("the bundle target must be positive seconds");

  const order = trials.map((_, i) => i)
    .sort((a, b) => (trials[b] as BundleInput).seconds - (trials[a] as BundleInput).seconds
      || a - b);
  const free = new FreeTimeTree(trials.length);
  const members: number[][] = [];
  const used: number[] = [];

  for (const i of order) {
    const seconds = (trials[i] as BundleInput).seconds;
    let bin = seconds > targetSeconds ? -1 : free.firstWithAtLeast(seconds);
    if (bin < 0 || bin >= members.length) {
      bin = members.length;
      members.push([]);
      used.push(0);
      free.set(bin, Math.max(0, targetSeconds - seconds));
    } else {
      free.set(bin, free.get(bin) - seconds);
    }
    (members[bin] as number[]).push(i);
    used[bin] = (used[bin] as number) + seconds;
  }

  return members.map((bin, b) => ({
    ids: bin.map((i) => (trials[i] as BundleInput).id),
    seconds: used[b] as number,
  }));
}

/** Max-tree over bin free times; unopened bins hold -1 so they never match. */
class FreeTimeTree {
  private readonly size: number;
  private readonly tree: Float64Array;

  constructor(bins: number) {
    this.size = Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(1, bins))));
    this.tree = new Float64Array(this.size * 2).fill(-1);
  }

  get(bin: number): number {
    return this.tree[this.size + bin] as number;
  }

  set(bin: number, value: number): void {
    let node = this.size + bin;
    this.tree[node] = value;
    for (node >>= 1; node >= 1; node >>= 1) {
      const left = this.tree[node * 2] as number;
      this.tree[node] = Math.max(left, this.tree[node * 2 + 1] as number);
    }
  }

  /** The lowest-numbered bin with at least `need` free, or -1. */
  firstWithAtLeast(need: number): number {
    if ((this.tree[1] as number) < need) return -1;
    let node = 1;
    while (node < this.size) {
      node = (this.tree[node * 2] as number) >= need ? node * 2 : node * 2 + 1;
    }
    return node - this.size;
  }
}
