// What the work runs on: a list of nodes, each with cpus, memory and gpus.
// A single machine is a one-node capacity; a cluster partition is many.

export interface NodeCapacity {
  readonly name: string;
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly gpus: number;
}

export type CapacitySource = "detected" | "flag" | "sinfo" | "given";

export interface Capacity {
  /** Where the figures came from, shown beside every estimate. */
  readonly source: CapacitySource;
  readonly nodes: readonly NodeCapacity[];
}

export interface ResourceTotals {
  readonly nodes: number;
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly gpus: number;
}

/** A capacity of `count` identical nodes named node1, node2, … */
export function uniformCapacity(
  count: number,
  node: Omit<NodeCapacity, "name">,
  source: CapacitySource = "given",
): Capacity {
  const nodes = Array.from({ length: count }, (_, i) => ({ name: `node${i + 1}`, ...node }));
  return { source, nodes };
}

/** Sums over all nodes. */
export function capacityTotals(capacity: Capacity): ResourceTotals {
  let cpus = 0;
  let memoryMiB = 0;
  let gpus = 0;
  for (const node of capacity.nodes) {
    cpus += node.cpus;
    memoryMiB += node.memoryMiB;
    gpus += node.gpus;
  }
  return { nodes: capacity.nodes.length, cpus, memoryMiB, gpus };
}

/** The largest figure any single node offers, per resource. */
export function largestNode(capacity: Capacity): Omit<NodeCapacity, "name"> {
  let cpus = 0;
  let memoryMiB = 0;
  let gpus = 0;
  for (const node of capacity.nodes) {
    cpus = Math.max(cpus, node.cpus);
    memoryMiB = Math.max(memoryMiB, node.memoryMiB);
    gpus = Math.max(gpus, node.gpus);
  }
  return { cpus, memoryMiB, gpus };
}

/** Whether one node can hold a request at all (memory 0 means "unstated"). */
export function nodeCanHold(
  node: Omit<NodeCapacity, "name">,
  need: { readonly cpus: number; readonly memoryMiB: number; readonly gpus: number },
): boolean {
  return need.cpus <= node.cpus && need.memoryMiB <= node.memoryMiB && need.gpus <= node.gpus;
}

/** "4 nodes × 32 cpus, 128 GiB, 2 gpus" or a per-node list when they differ. */
export function describeCapacity(capacity: Capacity): string {
  const shapes = new Map<string, number>();
  for (const node of capacity.nodes) {
    const memory = node.memoryMiB >= 1024
      ? `${Number((node.memoryMiB / 1024).toFixed(1))} GiB`
      : `${node.memoryMiB} MiB`;
    const shape = `${node.cpus} cpus, ${memory}${node.gpus ? `, ${node.gpus} gpus` : ""}`;
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
  }
  return [...shapes].map(([shape, count]) => `${count} × (${shape})`).join(" + ");
}
