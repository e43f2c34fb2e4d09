// Packs trials' declared cpus, memory and gpus against the capacity. A trial
// is admitted only when all three fit, so the machine is never oversubscribed;
// GPUs are handed out as concrete device ids for CUDA_VISIBLE_DEVICES.
import type { ResourceRequest } from "../plan/types.ts";
import type { Capacity } from "./capacity.ts";

export interface Grant {
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly gpuIds: readonly string[];
}

export class ResourcePool {
  private cpusFree: number;
  private memoryFree: number;
  private readonly gpusFree: string[];

  constructor(readonly capacity: Capacity, gpuIds: readonly string[]) {
    this.cpusFree = capacity.cpus;
    this.memoryFree = capacity.memoryMiB;
    this.gpusFree = gpuIds.slice(0, capacity.gpus);
    for (let i = this.gpusFree.length; i < capacity.gpus; i += 1) this.gpusFree.push(String(i));
  }

  /** Whether the request could ever run here, on an otherwise idle machine. */
  fitsAtAll(request: ResourceRequest): boolean {
    return request.cpus <= this.capacity.cpus
      && request.memoryMiB <= this.capacity.memoryMiB
      && request.gpus <= this.capacity.gpus;
  }

  tryAcquire(request: ResourceRequest): Grant | undefined {
    if (request.cpus > this.cpusFree || request.memoryMiB > this.memoryFree
      || request.gpus > this.gpusFree.length) return undefined;

    this.cpusFree -= request.cpus;
    this.memoryFree -= request.memoryMiB;
    const gpuIds = this.gpusFree.splice(0, request.gpus);
    return { cpus: request.cpus, memoryMiB: request.memoryMiB, gpuIds };
  }

  release(grant: Grant): void {
    this.cpusFree += grant.cpus;
    this.memoryFree += grant.memoryMiB;
    this.gpusFree.push(...grant.gpuIds);
    this.gpusFree.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  }
}
