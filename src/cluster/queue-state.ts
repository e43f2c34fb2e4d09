// Per-array-task scheduler state: `squeue -t all` for SLURM (finished tasks
// stay visible for MinJobAge); for PBS `qstat -t` (PBS Pro, OpenPBS and Torque
// list array subjobs with it), else plain `qstat` at job level (the
// slurm-wlm-torque wrapper knows no -t).
import type { CommandRunner } from "./command.ts";
import type { BatchBackend } from "./schedulers.ts";

export interface TaskState {
  readonly jobId: string;
  /** Array index within the job; undefined for a whole-job state. */
  readonly arrayIndex?: number;
  readonly state: string;
  readonly reason: string;
}

/** Expands "503_[3-5,7%4]" into indices 3,4,5,7; "503_2" into 2. */
export function expandArrayIds(
  id: string,
): { jobId: string; indices: number[] } | undefined {
  const match = /^(\d+)_(?:\[([^\]]+)\]|(\d+))$/.exec(id);
  if (!match) return undefined;

  const jobId = match[1] as string;
  if (match[3] !== undefined) return { jobId, indices: [Number(match[3])] };

  const indices: number[] = [];
  for (const range of (match[2] as string).split("%")[0]!.split(",")) {
    const [from, to] = range.split("-").map(Number) as [number, number | undefined];
    for (let i = from; i <= (to ?? from); i++) indices.push(i);
  }
  return { jobId, indices };
}

/** Parses `squeue -h -t all -o %i|%T|%r` output. */
export function parseSqueue(output: string): TaskState[] {
  const states: TaskState[] = [];
  for (const line of output.split("\n")) {
    const [id, state, reason] = line.trim().split("|");
    if (!id || !state) continue;

    const expanded = expandArrayIds(id);
    if (!expanded) {
      states.push({ jobId: id, state, reason: reason ?? "" });
      continue;
    }
    for (const arrayIndex of expanded.indices) {
      states.push({ jobId: expanded.jobId, arrayIndex, state, reason: reason ?? "" });
    }
  }
  return states;
}

const PBS_STATES: Readonly<Record<string, string>> = {
  Q: "PENDING",
  H: "PENDING",
  W: "PENDING",
  R: "RUNNING",
  E: "COMPLETING",
  C: "COMPLETED",
  F: "COMPLETED",
  B: "RUNNING",
  X: "COMPLETED",
};

/**
 * Parses default `qstat` table rows: id name user time state queue. The id
 * is "1234.server", or "1234[].server" for an array and "1234[5].server" for
 * its subjob 5 (as `qstat -t` lists them); jobId is the sequence number.
 */
export function parseQstat(output: string): TaskState[] {
  const states: TaskState[] = [];
  for (const line of output.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const id = /^(\d+)(?:\[(\d*)\])?(?:\.|$)/.exec(fields[0] ?? "");
    if (fields.length < 6 || !id) continue;

    const letter = fields[4] as string;
    const state = PBS_STATES[letter] ?? letter;
    const jobId = id[1] as string;
    if (id[2]) states.push({ jobId, arrayIndex: Number(id[2]), state, reason: "" });
    else states.push({ jobId, state, reason: "" });
  }
  return states;
}

/** The sequence number PBS answers with: "1234" of "1234[].server". */
function pbsSequence(jobId: string): string {
  return /^\d+/.exec(jobId)?.[0] ?? jobId;
}

/** States of PBS jobs, under the ids they were submitted with. */
async function pbsStates(
  run: CommandRunner,
  jobIds: readonly string[],
): Promise<TaskState[]> {
  let states = parseQstat((await run("qstat", ["-t", ...jobIds])).stdout);
  if (states.length === 0) states = parseQstat((await run("qstat", jobIds)).stdout);

  const submitted = new Map(jobIds.map((id) => [pbsSequence(id), id]));
  return states.flatMap((state) => {
    const jobId = submitted.get(state.jobId);
    return jobId === undefined ? [] : [{ ...state, jobId }];
  });
}

/** Current states of the given jobs; jobs the scheduler forgot are absent. */
export async function queueStates(
  run: CommandRunner,
  backend: BatchBackend,
  jobIds: readonly string[],
): Promise<TaskState[]> {
  if (jobIds.length === 0) return [];

  if (backend === "pbs") return pbsStates(run, jobIds);

  const all = await run("squeue", [
    "-h",
    "-t",
    "all",
    "-j",
    jobIds.join(","),
    "-o",
    "%i|%T|%r",
  ]);
  if (all.exitCode === 0) return parseSqueue(all.stdout);

  // One purged id makes squeue refuse the whole list: ask job by job.
  const states: TaskState[] = [];
  for (const id of jobIds) {
    const one = await run("squeue", ["-h", "-t", "all", "-j", id, "-o", "%i|%T|%r"]);
    if (one.exitCode === 0) states.push(...parseSqueue(one.stdout));
  }
  return states;
}

/** States in which a task will still run or is running. */
export const ACTIVE_STATES: ReadonlySet<string> = new Set([
  "PENDING",
  "RUNNING",
  "CONFIGURING",
  "COMPLETING",
  "REQUEUED",
  "RESIZING",
  "SUSPENDED",
  "REQUEUE_HOLD",
  "REQUEUE_FED",
  "STAGE_OUT",
  "SIGNALING",
]);
