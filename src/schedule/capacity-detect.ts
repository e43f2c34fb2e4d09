// The capacity of the machine sweepforge runs on: one node with its cpus,
// its physical memory and the gpus nvidia-smi reports (none if it is absent).
import { availableParallelism, hostname, totalmem } from "node:os";
import { execa } from "execa";
import type { Capacity } from "./capacity.ts";

/** This machine as a one-node capacity. */
export async function detectLocalCapacity(): Promise<Capacity> {
  return {
    source: "detected",
    nodes: [{
      name: hostname(),
      cpus: availableParallelism(),
      memoryMiB: Math.floor(totalmem() / 1024 / 1024),
      gpus: await countNvidiaGpus(),
    }],
  };
}

// nvidia-smi prints one line per gpu with -L; no tool or an error means none.
async function countNvidiaGpus(): Promise<number> {
  const result = await execa("nvidia-smi", ["-L"], { reject: false, timeout: 5000 });
  if (result.exitCode !== 0) return 0;
  /* v8 ignore next */
  return result.stdout.split("\n").filter((line) => line.startsWith("GPU ")).length;
}
