// A cluster's capacity from SLURM's `sinfo`: one line per node (and per
// partition it belongs to) in a fixed format we ask for, so the parser never
// depends on the site's default columns.
import { execa } from "execa";
import { RuntimeFailure } from "../errors.ts";
import type { Capacity, NodeCapacity } from "./capacity.ts";

/** Node name, cpus, memory (MiB), generic resources, state, partition. */
export const SINFO_FORMAT = "%N|%c|%m|%G|%T|%P";

/** States in which a node takes no new work. */
const UNAVAILABLE = /^(down|drain|drained|draining|fail|failing|future|maint|inval|unk)/i;

export interface SinfoOptions {
  /** Keep only nodes of this partition; all partitions otherwise. */
  readonly partition?: string;
}

/** Parses `sinfo -N -h -o "%N|%c|%m|%G|%T|%P"` output into usable nodes. */
export function parseSinfo(text: string, options: SinfoOptions = {}): Capacity {
  const nodes = new Map<string, NodeCapacity>();

  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const [name, cpus, memory, gres, state, partition] = line.split("|");
    if (!name || state === undefined || partition === undefined) continue;

    const partitionName = partition.replace(/\*$/, "");
    if (options.partition && partitionName !== options.partition) continue;
    if (UNAVAILABLE.test(state)) continue;

    nodes.set(name, {
      name,
      cpus: Number(cpus),
      memoryMiB: Number(memory),
      gpus: countGres(gres ?? ""),
    });
  }
  return { source: "sinfo", nodes: [...nodes.values()] };
}

// "gpu:2", "gpu:a100:4(S:0-1)", "gpu:2,shard:8" → gpu count; "(null)" → 0.
function countGres(gres: string): number {
  let gpus = 0;
  for (const entry of gres.split(",")) {
    const match = /^gpu(?::[^:(]+)?:(\d+)/.exec(entry.trim());
    if (match) gpus += Number(match[1]);
  }
  return gpus;
}

/**
 * Asks the live cluster. Undefined when sinfo is absent or cannot reach a
 * controller, so callers can fall back to another capacity source.
 */
export async function readSinfoCapacity(
  options: SinfoOptions = {},
): Promise<Capacity | undefined> {
  const result = await execa("sinfo", ["-N", "-h", "-o", SINFO_FORMAT], {
    reject: false,
    timeout: 10_000,
  });
  if (result.exitCode !== 0) return undefined;

  const capacity = parseSinfo(result.stdout, options);
  if (capacity.nodes.length === 0) {
    throw new RuntimeFailure("schedule/sinfo-empty",
      `sinfo lists no usable nodes${options.partition ? ` in ${options.partition}` : ""}`,
      { output: result.stdout });
  }
  return capacity;
}
