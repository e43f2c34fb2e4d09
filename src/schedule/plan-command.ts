// What `sweepforge plan` adds for scheduling: parse --capacity, --fail,
// --deadline and the off-peak policy, fit estimates from the experiment's
// earlier runs, and produce the plan's `estimate` section.
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { UserError } from "../errors.ts";
import type { Plan } from "../plan/types.ts";
import type { Capacity } from "./capacity.ts";
import { detectLocalCapacity } from "./capacity-detect.ts";
import { parseCapacityFlag } from "./capacity-flag.ts";
import { fitEstimates } from "./estimate/estimates.ts";
import { readHistory } from "./estimate/history.ts";
import { parseOffPeakPolicy } from "./off-peak.ts";
import { estimatePlan, type PlanEstimate } from "./plan-estimate.ts";
import type { AlgorithmChoice } from "./scheduler.ts";
import type { NodeFailure } from "./simulator.ts";
import { readSinfoCapacity } from "./sinfo.ts";

export interface PlanScheduleFlags {
  /** "local" (default), "sinfo", "sinfo:<partition>" or "nodes=4,cpus=32,…". */
  readonly capacity?: string;
  readonly simulate?: boolean;
  /** "node2@1h" style failures for the simulation. */
  readonly fail?: readonly string[];
  /** "12h"-style deadline for the whole plan. */
  readonly deadline?: string;
  readonly algorithm?: AlgorithmChoice;
  /** The definition's off-peak policy as written, when --off-peak is given. */
  readonly offPeak?: unknown;
  readonly file?: string;
}

/** The estimate section; throws a UserError on bad flags or conflicts. */
export async function planEstimateFor(
  plan: Plan,
  cwd: string,
  flags: PlanScheduleFlags,
): Promise<PlanEstimate> {
  const capacity = await resolveCapacity(flags.capacity ?? "local");
  const history = resolve(cwd, "runs", plan.experiment);
  const observations = await access(history).then(
    async () => (await readHistory([history], { experiment: plan.experiment })).observations,
    () => [],
  );

  return estimatePlan(plan, {
    capacity,
    estimates: fitEstimates(plan, observations),
    ...(flags.algorithm ? { algorithm: flags.algorithm } : {}),
    ...(flags.deadline === undefined ? {} : { deadlineSeconds: parseDuration(flags.deadline,
      "--deadline") }),
    ...(flags.offPeak === undefined ? {} : { offPeak: parseOffPeakPolicy(flags.offPeak,
      flags.file) }),
    ...(flags.simulate || (flags.fail?.length ?? 0) > 0
      ? { simulate: { failures: (flags.fail ?? []).map(parseFailure) } }
      : {}),
  });
}

/** --capacity: this machine, the live cluster via sinfo, or an explicit spec. */
export async function resolveCapacity(text: string): Promise<Capacity> {
  if (text === "local") return detectLocalCapacity();
  if (text === "sinfo" || text.startsWith("sinfo:")) {
    const partition = text.slice("sinfo:".length);
    const capacity = await readSinfoCapacity(partition ? { partition } : {});
    if (capacity) return capacity;
    throw new UserError({
      code: "schedule/no-sinfo",
      message: "sinfo is not available or cannot reach a SLURM controller here",
      path: ["--capacity"],
      fix: "run on a login node, or give the capacity: "
        + "--capacity nodes=4,cpus=32,memory=128GiB",
    });
  }
  return parseCapacityFlag(text);
}

/** "node2@90m" → { node: "node2", at: 5400 }. */
export function parseFailure(text: string): NodeFailure {
  const at = text.lastIndexOf("@");
  if (at <= 0) {
    throw new UserError({
      code: "schedule/bad-failure",
      message: `"${text}" is not a node failure`,
      path: ["--fail"],
      fix: "write <node>@<time from start>, e.g. --fail node2@90m",
    });
  }
  return { node: text.slice(0, at), at: parseDuration(text.slice(at + 1), "--fail") };
}

const UNITS: Readonly<Record<string, number>> = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 };

/** "90", "90s", "30m", "12h", "2d" → seconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text.trim());
  if (!match) {
    throw new UserError({
      code: "schedule/bad-duration",
      message: `"${text}" is not a duration`,
      path: [flag],
      fix: 'write seconds or a number with s, m, h or d, e.g. "12h"',
    });
  }
  return Number(match[1]) * (UNITS[match[2] as string] as number);
}
