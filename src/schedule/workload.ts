// The scheduler's view of a trial: what it occupies and for how long. Plans,
// traces and synthetic benchmarks are all turned into these before packing.

export interface WorkItem {
  readonly id: string;
  readonly step: string;
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly gpus: number;
  /** Estimated (or, for a trace, actual) run time. */
  readonly seconds: number;
  /** Ids of items that must finish before this one starts. */
  readonly dependsOn: readonly string[];
}

/** A work item with defaults for the fields a quick test or trace lacks. */
export function workItem(
  id: string,
  seconds: number,
  rest: Partial<Omit<WorkItem, "id" | "seconds">> = {},
): WorkItem {
  return {
    id,
    step: rest.step ?? "main",
    cpus: rest.cpus ?? 1,
    memoryMiB: rest.memoryMiB ?? 0,
    gpus: rest.gpus ?? 0,
    seconds,
    dependsOn: rest.dependsOn ?? [],
  };
}

/** Sum of cpus × seconds over the items, in core-hours. */
export function coreHours(items: readonly WorkItem[]): number {
  let coreSeconds = 0;
  for (const item of items) coreSeconds += item.cpus * item.seconds;
  return coreSeconds / 3600;
}

/** Sum of gpus × seconds over the items, in GPU-hours. */
export function gpuHours(items: readonly WorkItem[]): number {
  let gpuSeconds = 0;
  for (const item of items) gpuSeconds += item.gpus * item.seconds;
  return gpuSeconds / 3600;
}
