// The scheduler's view of a run, task by task, merged with the trial records:
// what `sweepforge status` prints in its scheduler section.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { CommandRunner } from "./command.ts";
import { recordStates, type RecordState } from "./completed-trials.ts";
import { readJobsFile, type SubmittedJob } from "./jobs-file.ts";
import { queueStates, type TaskState } from "./queue-state.ts";
import type { BatchBackend } from "./schedulers.ts";

export interface ArrayTaskStatus {
  readonly job: string;
  readonly jobId: string;
  readonly arrayIndex: number;
  /** Scheduler state, or "UNKNOWN" once the scheduler has forgotten the task. */
  readonly state: string;
  readonly reason: string;
  readonly trials: number;
  readonly succeeded: number;
  readonly failed: number;
}

export interface SchedulerStatus {
  readonly backend: BatchBackend;
  readonly jobs: readonly {
    readonly name: string;
    readonly id: string;
    readonly tasks: number;
    /** Count of tasks per scheduler state. */
    readonly states: Readonly<Record<string, number>>;
  }[];
  readonly tasks: readonly ArrayTaskStatus[];
}

/** Undefined when the run was never submitted to a scheduler. */
export async function schedulerStatus(
  runDir: string,
  run: CommandRunner,
): Promise<SchedulerStatus | undefined> {
  const { submissions } = await readJobsFile(runDir);
  const latest = submissions.at(-1);
  if (!latest) return undefined;

  const jobs = submissions.flatMap((submission) => submission.jobs);
  const states = await queueStates(
    run,
    latest.backend,
    jobs.map((job) => job.id),
  );
  const records = await recordStates(runDir);
  const tables = new Map<string, Promise<Map<number, string[]>>>();
  const tasks: ArrayTaskStatus[] = [];
  for (const job of jobs) tasks.push(...(await jobTasks(job, states, records, tables)));

  return {
    backend: latest.backend,
    jobs: jobs.map((job) => ({
      name: job.name,
      id: job.id,
      tasks: job.tasks,
      states: countStates(tasks.filter((task) => task.jobId === job.id)),
    })),
    tasks,
  };
}

async function jobTasks(
  job: SubmittedJob,
  states: readonly TaskState[],
  records: ReadonlyMap<string, RecordState>,
  tables: Map<string, Promise<Map<number, string[]>>>,
): Promise<ArrayTaskStatus[]> {
  // Parts of one step share a table: read each (possibly large) table once.
  const table = join(dirname(job.script), `${job.step}.trials`);
  if (!tables.has(table)) tables.set(table, readTaskTrials(table));
  const trialsOfTask = await (tables.get(table) as Promise<Map<number, string[]>>);
  const jobStates = states.filter((state) => state.jobId === job.id);
  const whole = jobStates.find((state) => state.arrayIndex === undefined);

  const tasks: ArrayTaskStatus[] = [];
  for (let arrayIndex = 0; arrayIndex < job.tasks; arrayIndex++) {
    const state =
      jobStates.find((candidate) => candidate.arrayIndex === arrayIndex) ?? whole;
    const trials = trialsOfTask.get(job.offset + arrayIndex) ?? [];
    tasks.push({
      job: job.name,
      jobId: job.id,
      arrayIndex,
      state: state?.state ?? "UNKNOWN",
      reason: state?.reason ?? "",
      trials: trials.length,
      succeeded: trials.filter((id) => records.get(id) === "succeeded").length,
      failed: trials.filter((id) => {
        const record = records.get(id);
        return record !== undefined && record !== "succeeded";
      }).length,
    });
  }
  return tasks;
}

// The table beside the script: "<task>\t<trial id> ..." per line.
async function readTaskTrials(table: string): Promise<Map<number, string[]>> {
  const byTask = new Map<number, string[]>();
  let text = "";
  try {
    text = await readFile(table, "utf8");
  } catch {
    return byTask;
  }

  for (const line of text.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const task = Number(line.slice(0, tab));
    const id = line
      .slice(tab + 1)
      .split(" ", 1)[0]!
      .replaceAll("'", "");
    byTask.set(task, [...(byTask.get(task) ?? []), id]);
  }
  return byTask;
}

function countStates(tasks: readonly ArrayTaskStatus[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const task of tasks) counts[task.state] = (counts[task.state] ?? 0) + 1;
  return Object.fromEntries(
    Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Human lines for the status command's scheduler section. */
export function formatSchedulerStatus(status: SchedulerStatus): string[] {
  const lines = [`scheduler (${status.backend}):`];
  for (const job of status.jobs) {
    const states = Object.entries(job.states)
      .map(([state, n]) => `${n} ${state}`)
      .join(", ");
    lines.push(`  ${job.name} (job ${job.id}, ${job.tasks} tasks): ${states}`);
  }
  const troubled = status.tasks.filter(
    (task) =>
      task.failed > 0 ||
      ["FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY"].includes(
        task.state,
      ),
  );
  for (const task of troubled.slice(0, 20)) {
    lines.push(
      `  task ${task.jobId}_${task.arrayIndex}: ${task.state}` +
        `${task.reason && task.reason !== "None" ? ` (${task.reason})` : ""}, ` +
        `${task.succeeded}/${task.trials} trials succeeded, ${task.failed} failed`,
    );
  }
  if (troubled.length > 20)
    lines.push(`  ... and ${troubled.length - 20} more tasks with problems`);
  return lines;
}
