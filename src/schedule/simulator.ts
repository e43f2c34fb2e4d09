// A discrete-event simulation of trials on a capacity. It is both the list
// scheduler the planner uses (no failures, estimated durations) and the
// what-if tool behind `plan --simulate` (nodes lost at given times, their
// running trials requeued). Time is in seconds from the start of the run.
import type { Capacity } from "./capacity.ts";
import { buildGraph, type WorkGraph } from "./graph.ts";
import { EVENT_END, EVENT_NODE_FAILURE, EventQueue } from "./event-queue.ts";
import { MinHeap } from "./heap.ts";
import type { WorkItem } from "./workload.ts";

/** A node that stops at `at` seconds; what runs on it is requeued. */
export interface NodeFailure {
  readonly node: string;
  readonly at: number;
}

export interface SimulationOptions {
  /** Every item index once, highest priority first. */
  readonly order: ArrayLike<number>;
  /**
   * Start items strictly in rank order among those ready (first-in-first-out
   * without backfilling); otherwise any ready item that fits may go ahead.
   */
  readonly strictOrder?: boolean;
  readonly failures?: readonly NodeFailure[];
  /** Seconds an item really takes, when it differs from its estimate. */
  readonly durationOf?: (item: WorkItem, index: number) => number;
  readonly graph?: WorkGraph;
}

export interface SimulationResult {
  /** When the last completed item ended. */
  readonly makespanSeconds: number;
  /** Start of each item's final attempt (NaN if it never started). */
  readonly start: Float64Array;
  /** Index into capacity.nodes of each item's final attempt (-1 if none). */
  readonly node: Int32Array;
  /** Item indices in the order their final attempts started. */
  readonly launchOrder: Int32Array;
  /** Attempts killed by a node failure and put back in the queue. */
  readonly requeued: number;
  /** Core-seconds of work thrown away by failures. */
  readonly lostCoreSeconds: number;
  /** Core-seconds the nodes spent busy, lost work included. */
  readonly busyCoreSeconds: number;
  /** Items that never completed: no surviving node could hold them or a dependency. */
  readonly stranded: readonly number[];
}

/**
 * Ready items of one shape (cpus and gpus). Items ready at the start arrive
 * in priority order and sit in a plain list; later ones go through a heap.
 */
class Bucket {
  readonly cpus: number;
  readonly gpus: number;
  private readonly initial: number[] = [];
  private next = 0;
  private readonly later: MinHeap<number>;

  constructor(shape: WorkItem, private readonly rank: Int32Array) {
    this.cpus = shape.cpus;
    this.gpus = shape.gpus;
    this.later = new MinHeap<number>((a, b) => (rank[a] as number) < (rank[b] as number));
  }

  addInitial(i: number): void {
    this.initial.push(i);
  }

  add(i: number): void {
    this.later.push(i);
  }

  peek(): number | undefined {
    const fromList = this.initial[this.next];
    const fromHeap = this.later.peek();
    if (fromList === undefined) return fromHeap;
    if (fromHeap === undefined) return fromList;
    const heapFirst = (this.rank[fromHeap] as number) < (this.rank[fromList] as number);
    return heapFirst ? fromHeap : fromList;
  }

  pop(): void {
    const fromList = this.initial[this.next];
    if (fromList !== undefined && this.peek() === fromList) this.next += 1;
    else this.later.pop();
  }
}

/** Runs the simulation to the end and reports what happened. */
export function simulate(
  items: readonly WorkItem[],
  capacity: Capacity,
  options: SimulationOptions,
): SimulationResult {
  const sim = new Simulation(items, capacity, options);
  return sim.run();
}

class Simulation {
  private readonly graph: WorkGraph;
  private readonly rank: Int32Array;
  private readonly waitingFor: Int32Array;
  private readonly buckets: Bucket[] = [];
  private readonly bucketOf = new Map<number, Bucket>();
  private readonly events = new EventQueue();

  private readonly freeCpus: Float64Array;
  private readonly freeMemory: Float64Array;
  private readonly freeGpus: Float64Array;
  private readonly alive: boolean[];
  private readonly runningOn: Set<number>[];

  private readonly start: Float64Array;
  private readonly node: Int32Array;
  private readonly attempt: Int32Array;
  private readonly done: Uint8Array;
  private readonly launches: number[] = [];

  private roomCpus = 0;
  private roomGpus = 0;
  /** Who runs where matters only when a node can fail. */
  private readonly tracksNodes: boolean;
  private now = 0;
  private makespan = 0;
  private requeued = 0;
  private lostCoreSeconds = 0;
  private busyCoreSeconds = 0;

  constructor(
    private readonly items: readonly WorkItem[],
    private readonly capacity: Capacity,
    private readonly options: SimulationOptions,
  ) {
    const n = items.length;
    this.graph = options.graph ?? buildGraph(items);
    this.waitingFor = Int32Array.from(this.graph.predecessorCount);
    this.rank = new Int32Array(n);
    for (let position = 0; position < n; position += 1) {
      this.rank[options.order[position] as number] = position;
    }
    this.freeCpus = Float64Array.from(capacity.nodes, (node) => node.cpus);
    this.freeMemory = Float64Array.from(capacity.nodes, (node) => node.memoryMiB);
    this.freeGpus = Float64Array.from(capacity.nodes, (node) => node.gpus);
    this.alive = capacity.nodes.map(() => true);
    this.runningOn = capacity.nodes.map(() => new Set<number>());
    this.tracksNodes = (options.failures?.length ?? 0) > 0;
    this.start = new Float64Array(n).fill(Number.NaN);
    this.node = new Int32Array(n).fill(-1);
    this.attempt = new Int32Array(n);
    this.done = new Uint8Array(n);
  }

  run(): SimulationResult {
    for (const failure of this.options.failures ?? []) {
      const index = this.capacity.nodes.findIndex((node) => node.name === failure.node);
      if (index >= 0) this.events.push(failure.at, EVENT_NODE_FAILURE, index, 0);
    }
    for (let position = 0; position < this.items.length; position += 1) {
      const i = this.options.order[position] as number;
      if (this.waitingFor[i] === 0) this.bucketFor(i).addInitial(i);
    }

    this.dispatch();
    const events = this.events;
    while (events.pop()) {
      this.now = events.time;
      if (events.kind === EVENT_END) this.finish(events.target, events.attempt);
      else this.failNode(events.target);
      if (events.peekTime() !== this.now) this.dispatch();
    }

    return this.result();
  }

  // Ready items are grouped by shape so that one non-fitting item never
  // hides the many small ones behind it; memory is checked per item.
  private bucketFor(i: number): Bucket {
    const item = this.items[i] as WorkItem;
    const key = item.cpus * 4096 + item.gpus;
    let bucket = this.bucketOf.get(key);
    if (!bucket) {
      bucket = new Bucket(item, this.rank);
      this.bucketOf.set(key, bucket);
      this.buckets.push(bucket);
    }
    return bucket;
  }

  private enqueue(i: number): void {
    this.bucketFor(i).add(i);
  }

  // Start ready items while any fits: best rank first among those that fit,
  // or, in strict order, only ever the best-ranked one.
  private dispatch(): void {
    const rank = this.rank;
    for (;;) {
      let chosen: Bucket | undefined;
      let chosenNode = -1;
      let bestRank = Number.POSITIVE_INFINITY;
      this.measureRoom();
      const roomCpus = this.roomCpus;
      const roomGpus = this.roomGpus;

      for (const bucket of this.buckets) {
        const head = bucket.peek();
        if (head === undefined || (rank[head] as number) >= bestRank) continue;
        if (!this.strict && (bucket.cpus > roomCpus || bucket.gpus > roomGpus)) continue;
        const node = this.strict ? -1 : this.findNode(head);
        if (this.strict || node >= 0) {
          chosen = bucket;
          chosenNode = node;
          bestRank = rank[head] as number;
        }
      }

      if (!chosen) return;
      const head = chosen.peek() as number;
      if (this.strict) chosenNode = this.findNode(head);
      if (chosenNode < 0) return;

      chosen.pop();
      this.launch(head, chosenNode);
    }
  }

  // The most free cpus and gpus on any live node: a cheap test before fitting.
  private measureRoom(): void {
    let cpus = 0;
    let gpus = 0;
    for (let k = 0; k < this.alive.length; k += 1) {
      if (!this.alive[k]) continue;
      cpus = Math.max(cpus, this.freeCpus[k] as number);
      gpus = Math.max(gpus, this.freeGpus[k] as number);
    }
    this.roomCpus = cpus;
    this.roomGpus = gpus;
  }

  private get strict(): boolean {
    return this.options.strictOrder === true;
  }

  // Best fit: the live node left with the fewest free cpus after placing.
  private findNode(i: number): number {
    const item = this.items[i] as WorkItem;
    let best = -1;
    let bestLeft = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.alive.length; k += 1) {
      const left = (this.freeCpus[k] as number) - item.cpus;
      if (!this.alive[k] || left < 0 || left >= bestLeft) continue;
      if ((this.freeMemory[k] as number) < item.memoryMiB) continue;
      if ((this.freeGpus[k] as number) < item.gpus) continue;
      best = k;
      bestLeft = left;
    }
    return best;
  }

  private launch(i: number, k: number): void {
    const item = this.items[i] as WorkItem;
    this.occupy(k, item, -1);
    if (this.tracksNodes) this.runningOn[k]?.add(i);
    this.start[i] = this.now;
    this.node[i] = k;
    this.attempt[i] = (this.attempt[i] as number) + 1;
    this.launches.push(i);

    const seconds = this.options.durationOf?.(item, i) ?? item.seconds;
    this.events.push(this.now + seconds, EVENT_END, i, this.attempt[i] as number);
  }

  private occupy(k: number, item: WorkItem, sign: 1 | -1): void {
    this.freeCpus[k] = (this.freeCpus[k] as number) + sign * item.cpus;
    this.freeMemory[k] = (this.freeMemory[k] as number) + sign * item.memoryMiB;
    this.freeGpus[k] = (this.freeGpus[k] as number) + sign * item.gpus;
  }

  private finish(i: number, attempt: number): void {
    if (attempt !== this.attempt[i] || this.done[i]) return; // killed by a failure

    const item = this.items[i] as WorkItem;
    const k = this.node[i] as number;
    this.occupy(k, item, 1);
    if (this.tracksNodes) this.runningOn[k]?.delete(i);
    this.done[i] = 1;
    this.makespan = Math.max(this.makespan, this.now);
    this.busyCoreSeconds += item.cpus * (this.now - (this.start[i] as number));

    for (const next of this.graph.successors[i] as number[]) {
      this.waitingFor[next] = (this.waitingFor[next] as number) - 1;
      if (this.waitingFor[next] === 0) this.enqueue(next);
    }
  }

  private failNode(k: number): void {
    if (!this.alive[k]) return;
    this.alive[k] = false;

    for (const i of this.runningOn[k] as Set<number>) {
      const item = this.items[i] as WorkItem;
      const lost = item.cpus * (this.now - (this.start[i] as number));
      this.lostCoreSeconds += lost;
      this.busyCoreSeconds += lost;
      this.attempt[i] = (this.attempt[i] as number) + 1; // orphans its end event
      this.requeued += 1;
      this.enqueue(i);
    }
    this.runningOn[k]?.clear();
  }

  private result(): SimulationResult {
    const stranded: number[] = [];
    for (let i = 0; i < this.items.length; i += 1) {
      if (this.done[i]) continue;
      stranded.push(i);
      this.start[i] = Number.NaN;
      this.node[i] = -1;
    }

    // Only an item's final attempt counts for the launch order.
    const seen = new Uint8Array(this.items.length);
    const finalLaunches: number[] = [];
    for (let position = this.launches.length - 1; position >= 0; position -= 1) {
      const i = this.launches[position] as number;
      if (seen[i] || !this.done[i]) continue;
      seen[i] = 1;
      finalLaunches.push(i);
    }
    const launchOrder = Int32Array.from(finalLaunches.reverse());

    return {
      makespanSeconds: this.makespan,
      start: this.start,
      node: this.node,
      launchOrder,
      requeued: this.requeued,
      lostCoreSeconds: this.lostCoreSeconds,
      busyCoreSeconds: this.busyCoreSeconds,
      stranded,
    };
  }
}
