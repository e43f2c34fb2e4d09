// What this machine offers: CPUs, memory and GPUs, detected and overridable.
import { availableParallelism, totalmem } from "node:os";
import { execFileSync } from "node:child_process";

export interface Capacity {
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly gpus: number;
}

/** GPUs from CUDA_VISIBLE_DEVICES when set, else `nvidia-smi -L`, else none. */
export function detectGpuIds(env: NodeJS.ProcessEnv = process.env): string[] {
  const visible = env.CUDA_VISIBLE_DEVICES;
  if (visible !== undefined) return visible.split(",").map((s) => s.trim()).filter(Boolean);

  try {
    const listing = execFileSync("nvidia-smi", ["-L"], {
      encoding: "utf8", timeout: 2000, stdio: ["ignore", "pipe", "ignore"], env,
    });
    return listing.split("\n").filter((l) => l.startsWith("GPU ")).map((_, i) => String(i));
  } catch {
    return [];
  }
}

export function detectCapacity(env: NodeJS.ProcessEnv = process.env): Capacity {
  return {
    cpus: availableParallelism(),
    memoryMiB: Math.floor(totalmem() / 1024 / 1024),
    gpus: detectGpuIds(env).length,
  };
}
