// Plans that cannot work, found before anything is submitted: a trial no
// node can hold, a deadline beyond reach, a heavy trial longer than any
// off-peak window it could be held for. All are reported together.
import { UserError, type Problem } from "../errors.ts";
import { largestNode, nodeCanHold, type Capacity } from "./capacity.ts";
import { shortestWindowSeconds, type OffPeakPolicy } from "./off-peak.ts";
import type { WorkItem } from "./workload.ts";

export interface ConflictChecks {
  readonly deadlineSeconds?: number;
  /** The makespan of the chosen schedule, checked against the deadline. */
  readonly plannedMakespanSeconds?: number;
  readonly lowerBoundSeconds?: number;
  readonly offPeak?: {
    readonly policy: OffPeakPolicy;
    readonly heavySteps: readonly string[];
    readonly now: Date;
  };
}

/** Every conflict as a problem; empty when the plan can run. */
export function findConflicts(
  items: readonly WorkItem[],
  capacity: Capacity,
  checks: ConflictChecks = {},
): Problem[] {
  return [
    ...oversizedTrials(items, capacity),
    ...missedDeadline(checks),
    ...tooShortWindows(items, checks),
  ];
}

/** Throws a UserError listing every conflict, if there is any. */
export function assertNoConflicts(
  items: readonly WorkItem[],
  capacity: Capacity,
  checks: ConflictChecks = {},
): void {
  const problems = findConflicts(items, capacity, checks);
  if (problems.length > 0) throw new UserError(problems);
}

// One problem per step: its first trial that fits no node, and how many do not.
function oversizedTrials(items: readonly WorkItem[], capacity: Capacity): Problem[] {
  const biggest = largestNode(capacity);
  const byStep = new Map<string, { first: WorkItem; count: number }>();
  for (const item of items) {
    if (capacity.nodes.some((node) => nodeCanHold(node, item))) continue;
    const seen = byStep.get(item.step);
    byStep.set(item.step, { first: seen?.first ?? item, count: (seen?.count ?? 0) + 1 });
  }

  return [...byStep].map(([step, { first, count }]) => ({
    code: "schedule/trial-too-large",
    message: `${count} trial(s) of step "${step}" fit no node: trial ${first.id} needs `
      + `${first.cpus} cpus, ${Math.ceil(first.memoryMiB)} MiB, ${first.gpus} gpus; `
      + `the largest node has ${biggest.cpus} cpus, ${biggest.memoryMiB} MiB, `
      + `${biggest.gpus} gpus`,
    path: ["steps", step, "resources"],
    fix: "lower the step's resources or plan for a capacity with larger nodes (--capacity)",
  }));
}

function missedDeadline(checks: ConflictChecks): Problem[] {
  const { deadlineSeconds, plannedMakespanSeconds, lowerBoundSeconds } = checks;
  if (deadlineSeconds === undefined || plannedMakespanSeconds === undefined) return [];
  if (plannedMakespanSeconds <= deadlineSeconds) return [];

  const impossible = lowerBoundSeconds !== undefined && lowerBoundSeconds > deadlineSeconds;
  return [{
    code: "schedule/deadline",
    message: `the deadline of ${hours(deadlineSeconds)} cannot be met: the plan needs `
      + `${hours(plannedMakespanSeconds)}`
      + (impossible ? ` and no schedule can beat ${hours(lowerBoundSeconds)} on this capacity`
        : ` (the lower bound is ${hours(lowerBoundSeconds ?? 0)})`),
    path: ["--deadline"],
    fix: impossible
      ? "add capacity, shrink the sweep, or move the deadline"
      : "add capacity or move the deadline",
  }];
}

function tooShortWindows(items: readonly WorkItem[], checks: ConflictChecks): Problem[] {
  if (!checks.offPeak) return [];
  const { policy, heavySteps, now } = checks.offPeak;
  const window = shortestWindowSeconds(policy, now);

  const problems: Problem[] = [];
  for (const step of heavySteps) {
    const longest = items.filter((item) => item.step === step)
      .reduce<WorkItem | undefined>((a, b) => (a && a.seconds >= b.seconds ? a : b), undefined);
    if (!longest || longest.seconds <= window) continue;
    problems.push({
      code: "schedule/off-peak-too-short",
      message: `heavy step "${step}" has a trial (${longest.id}) estimated at `
        + `${hours(longest.seconds)}, longer than the shortest off-peak window `
        + `(${hours(window)})`,
      path: ["offPeak"],
      fix: "widen the off-peak windows, split the trial, or unmark the step as heavy",
    });
  }
  return problems;
}

function hours(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(2)} h` : `${Math.round(seconds)} s`;
}
