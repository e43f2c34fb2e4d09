// How a step's trials become array tasks and arrays: bundling (several trials
// per task), chunking (arrays no larger than the scheduler's cap, with index
// offsets) and the index correspondence a per-trial dependent step needs.
import type { Plan, PlanStep, TrialSpec } from "../../src/plan/types.ts";
import type { CompileOptions } from "./options.ts";

/** One submitted array: task numbers offset .. offset + count - 1. */
export interface ArrayPart {
  readonly part: number;
  readonly offset: number;
  readonly count: number;
  /** Part of the parent step whose task i this part's task i waits for. */
  readonly correspondsTo?: number;
}

export interface StepLayout {
  readonly step: PlanStep;
  readonly bundleSize: number;
  /** Included trials in table order, each with its task number. */
  readonly rows: readonly { readonly trial: TrialSpec; readonly task: number }[];
  readonly parts: readonly ArrayPart[];
  /** Steps this step waits for as a whole (afterok). */
  readonly waitsForAll: readonly string[];
  /** The step whose tasks this step's tasks correspond to (aftercorr). */
  readonly correspondsToStep?: string;
  /** Largest resources over the step's trials. */
  readonly resources: TrialSpec["resources"];
}

/** Lays out every step of the plan, parents before children. */
export function layoutPlan(plan: Plan, options: CompileOptions): readonly StepLayout[] {
  const layouts = new Map<string, StepLayout>();

  for (const step of plan.steps) {
    layouts.set(step.name, layoutStep(step, options, layouts));
  }
  return plan.steps.map((step) => layouts.get(step.name) as StepLayout);
}

function layoutStep(
  step: PlanStep,
  options: CompileOptions,
  earlier: ReadonlyMap<string, StepLayout>,
): StepLayout {
  const { trials, resources } = scanStep(step, options.onlyTrials);
  const bundleSize = chooseBundleSize(resources.walltimeSeconds, options);
  const perTrial = step.dependsOn.find((dependency) => dependency.mode === "each");
  const waitsForAll = step.dependsOn
    .filter((dependency) => dependency !== perTrial)
    .map((dependency) => dependency.step)
    .filter((name) => (earlier.get(name)?.rows.length ?? 0) > 0);
  const parent = perTrial ? earlier.get(perTrial.step) : undefined;

  if (!parent || parent.rows.length === 0) {
    const rows = trials.map((trial, i) => ({ trial, task: Math.floor(i / bundleSize) }));
    const taskCount = Math.ceil(trials.length / bundleSize);
    return {
      step,
      bundleSize,
      rows,
      waitsForAll,
      resources,
      parts: chunk(0, taskCount, options.arrayCap),
    };
  }

  return followParent(step, trials, parent, options, waitsForAll, resources);
}

// A per-trial dependent step reuses its parent's task numbers, so that task i
// can wait for the parent's task i (aftercorr). Trials whose parent already
// finished (resume) get their own tasks after the parent's, with no dependency.
function followParent(
  step: PlanStep,
  trials: readonly TrialSpec[],
  parent: StepLayout,
  options: CompileOptions,
  waitsForAll: readonly string[],
  resources: TrialSpec["resources"],
): StepLayout {
  const parentTask = new Map<string, number>();
  for (const row of parent.rows) parentTask.set(row.trial.id, row.task);
  const byIndex = new Map<number, string>();
  for (const row of parent.rows) byIndex.set(row.trial.index, row.trial.id);

  const parentTaskCount = parent.parts.reduce((sum, part) => sum + part.count, 0);
  const linked: { trial: TrialSpec; task: number }[] = [];
  const free: TrialSpec[] = [];
  for (const trial of trials) {
    const parentId = trial.dependsOn[0] ?? byIndex.get(trial.index);
    const task = parentId === undefined ? undefined : parentTask.get(parentId);
    if (task === undefined) free.push(trial);
    else linked.push({ trial, task });
  }

  const freeRows = free.map((trial, i) => ({
    trial,
    task: parentTaskCount + Math.floor(i / parent.bundleSize),
  }));
  const linkedParts = parent.parts.map((part) => ({ ...part, correspondsTo: part.part }));
  const freeParts = chunk(
    parentTaskCount,
    Math.ceil(free.length / parent.bundleSize),
    options.arrayCap,
  ).map((part, i) => ({ ...part, part: linkedParts.length + i }));

  return {
    step,
    bundleSize: parent.bundleSize,
    rows: [...linked.sort((a, b) => a.task - b.task), ...freeRows],
    parts: linked.length > 0 ? [...linkedParts, ...freeParts] : renumber(freeParts),
    waitsForAll,
    correspondsToStep: linked.length > 0 ? parent.step.name : undefined,
    resources,
  };
}

function renumber(parts: readonly ArrayPart[]): readonly ArrayPart[] {
  return parts.map((part, i) => ({ ...part, part: i }));
}

/** Splits tasks first .. first + count - 1 into arrays of at most `cap`. */
export function chunk(first: number, count: number, cap: number): readonly ArrayPart[] {
  const parts: ArrayPart[] = [];
  for (let offset = 0; offset < count; offset += cap) {
    parts.push({
      part: parts.length,
      offset: first + offset,
      count: Math.min(cap, count - offset),
    });
  }
  return parts;
}

/** Trials per task: explicit, or as many as fit the target task length. */
export function chooseBundleSize(
  walltimeSeconds: number,
  options: CompileOptions,
): number {
  if (options.bundle !== "auto") return options.bundle;

  const perSlot = Math.floor(options.taskLengthSeconds / Math.max(1, walltimeSeconds));
  return Math.max(1, perSlot * options.bundleParallel);
}

// One pass over the (lazy, possibly huge) trial table: the included trials
// and the largest resources over all of the step's trials.
function scanStep(
  step: PlanStep,
  only?: ReadonlySet<string>,
): {
  trials: readonly TrialSpec[];
  resources: TrialSpec["resources"];
} {
  const trials: TrialSpec[] = [];
  let cpus = 1,
    memoryMiB = 0,
    gpus = 0,
    walltimeSeconds = 0;
  for (const trial of step.trials) {
    if (!only || only.has(trial.id)) trials.push(trial);
    cpus = Math.max(cpus, trial.resources.cpus);
    memoryMiB = Math.max(memoryMiB, trial.resources.memoryMiB);
    gpus = Math.max(gpus, trial.resources.gpus);
    walltimeSeconds = Math.max(walltimeSeconds, trial.resources.walltimeSeconds);
  }
  return { trials, resources: { cpus, memoryMiB, gpus, walltimeSeconds } };
}

/** Resources one array task asks for: a bundle's worth, run `parallel` at once. */
export function taskResources(
  layout: StepLayout,
  parallel: number,
): TrialSpec["resources"] {
  const width = Math.min(parallel, layout.bundleSize);
  const rounds = Math.ceil(layout.bundleSize / width);
  return {
    cpus: layout.resources.cpus * width,
    memoryMiB: layout.resources.memoryMiB * width,
    gpus: layout.resources.gpus * width,
    // 0 means "no limit declared": the cluster's default applies, not 60 s.
    walltimeSeconds:
      layout.resources.walltimeSeconds === 0
        ? 0
        : layout.resources.walltimeSeconds * rounds + TASK_OVERHEAD_SECONDS,
  };
}

/** Slack for the driver itself (finding rows, writing records) per task. */
export const TASK_OVERHEAD_SECONDS = 60;
