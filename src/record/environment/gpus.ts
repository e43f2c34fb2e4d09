// GPUs as nvidia-smi reports them, when it is installed.
import { runTool, type ToolOptions } from "./probe.ts";

export interface GpuFacts {
  readonly index: string;
  readonly name: string;
  readonly memoryMiB: number | null;
  readonly driver: string;
  readonly uuid: string;
}

const FIELDS = "index,name,memory.total,driver_version,uuid";

export async function gpuFacts(options: ToolOptions): Promise<GpuFacts[]> {
  const text = await runTool(
    "nvidia-smi", [`--query-gpu=${FIELDS}`, "--format=csv,noheader,nounits"], options);
  return text.split("\n").filter((l) => l.trim()).map(parseGpuLine);
}

export function parseGpuLine(line: string): GpuFacts {
  const [index = "", name = "", memory = "", driver = "", uuid = ""] =
    line.split(",").map((part) => part.trim());
  const memoryMiB = Number.parseInt(memory, 10);
  return { index, name, memoryMiB: Number.isFinite(memoryMiB) ? memoryMiB : null, driver, uuid };
}
