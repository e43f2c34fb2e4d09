// What to ask a batch scheduler for: estimates rounded up to figures a human
// would write and a queue would accept, with the margin kept visible.
import type { PlanStep } from "../plan/types.ts";
import { estimateTrial, type Estimates, type TrialEstimate } from "./estimate/estimates.ts";
import { formatMemoryDirective } from "./memory-size.ts";

export interface ClusterRequest {
  /** Rounded-up walltime in seconds. */
  readonly walltimeSeconds: number;
  /** Rounded-up memory in MiB. */
  readonly memoryMiB: number;
  /** SLURM --time value, "D-HH:MM:SS" or "HH:MM:SS". */
  readonly slurmTime: string;
  /** PBS walltime value, "HH:MM:SS" (hours may exceed 24). */
  readonly pbsWalltime: string;
  /** SLURM --mem / PBS mem value, e.g. "4G" or "1536M". */
  readonly memory: string;
  /** How the figures were reached, e.g. "power-law × 1.32 margin, rounded up". */
  readonly basis: string;
}

/** Up to the minute below 10 minutes, 5 minutes below 2 hours, 15 minutes above. */
export function roundUpWalltime(seconds: number): number {
  const step = seconds <= 600 ? 60 : seconds <= 7200 ? 300 : 900;
  return Math.max(60, Math.ceil(seconds / step) * step);
}

/** Up to 128 MiB below 1 GiB, 256 MiB below 8 GiB, whole GiB above. */
export function roundUpMemory(mebibytes: number): number {
  const step = mebibytes <= 1024 ? 128 : mebibytes <= 8192 ? 256 : 1024;
  return Math.max(128, Math.ceil(mebibytes / step) * step);
}

export function formatSlurmTime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = formatClock(seconds - days * 86_400);
  return days > 0 ? `${days}-${rest}` : rest;
}

export function formatPbsWalltime(seconds: number): string {
  return formatClock(seconds);
}

function formatClock(seconds: number): string {
  const whole = Math.ceil(seconds);
  const two = (n: number) => String(n).padStart(2, "0");
  const hours = Math.floor(whole / 3600);
  return `${two(hours)}:${two(Math.floor((whole % 3600) / 60))}:${two(whole % 60)}`;
}

/** The request for one trial. */
export function clusterRequestForTrial(estimate: TrialEstimate): ClusterRequest {
  return request(estimate.walltimeSeconds, estimate.memoryMiB,
    describeBasis(estimate, estimate.walltimeSeconds / estimate.expectedSeconds));
}

/**
 * One request that covers every trial of a step (an array job asks once):
 * the largest rounded-up walltime and memory over its trials.
 */
export function clusterRequestForStep(estimates: Estimates, step: PlanStep): ClusterRequest {
  let walltime = 0;
  let memory = 0;
  let widest: TrialEstimate | undefined;
  for (const trial of step.trials) {
    const estimate = estimateTrial(estimates, trial);
    if (estimate.walltimeSeconds >= walltime) widest = estimate;
    walltime = Math.max(walltime, estimate.walltimeSeconds);
    memory = Math.max(memory, estimate.memoryMiB);
  }
  if (!widest) return request(60, 128, "empty step");
  return request(walltime, memory,
    describeBasis(widest, widest.walltimeSeconds / widest.expectedSeconds));
}

function request(walltimeSeconds: number, memoryMiB: number, basis: string): ClusterRequest {
  const walltime = roundUpWalltime(walltimeSeconds);
  const memory = roundUpMemory(memoryMiB);
  return {
    walltimeSeconds: walltime,
    memoryMiB: memory,
    slurmTime: formatSlurmTime(walltime),
    pbsWalltime: formatPbsWalltime(walltime),
    memory: formatMemoryDirective(memory),
    basis,
  };
}

function describeBasis(estimate: TrialEstimate, margin: number): string {
  if (estimate.runtimeBasis === "declared") return "declared resources, rounded up";
  return `${estimate.runtimeBasis} estimate × ${margin.toFixed(2)} margin, rounded up`;
}
