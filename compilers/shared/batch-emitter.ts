// The one emitter behind SLURM and PBS. Both produce, per step, a trial table
// and one array script per part; they differ only in their BatchDialect (how a
// directive is spelled), so a feature added here reaches both.
import type { Plan } from "../../src/plan/types.ts";
import type { ArtifactFile, BatchJob, CompileResult, JobDependency } from "./artifacts.ts";
import { clusterSettings, jobName, type ClusterSettings } from "./directive-values.ts";
import type { CompileOptions } from "./options.ts";
import { commentBlock, estimateComment } from "./provenance.ts";
import { shQuote } from "./shell-quote.ts";
import { driverFiles, DRIVER_FILE } from "./driver.ts";
import { layoutPlan, taskResources, type ArrayPart, type StepLayout } from "./task-layout.ts";
import { trialTableArtifact } from "./trial-table.ts";
import { render } from "./templates.ts";
import type { ResourceRequest } from "../../src/plan/types.ts";

/** Everything a dialect needs to spell the directives of one array part. */
export interface DirectiveRequest {
  readonly name: string;
  readonly tasks: number;
  readonly throttle?: number;
  readonly resources: ResourceRequest;
  readonly settings: ClusterSettings;
  readonly requeue: boolean;
  /** Log path prefix inside the run directory, without extension. */
  readonly logPrefix: string;
  readonly options: CompileOptions;
}

export interface BatchDialect {
  readonly backend: "slurm" | "pbs";
  readonly scriptExtension: string;
  /** sh expression for the array index inside a running task. */
  readonly indexExpression: string;
  /** sh expression naming the running task for trial records. */
  readonly jobIdExpression: string;
  /** False when the driver must open per-task log files itself. */
  readonly namesTaskLogs: boolean;
  directives(request: DirectiveRequest): readonly string[];
  /** Refuses or notes what this dialect cannot express. */
  limitations(plan: Plan, layouts: readonly StepLayout[], options: CompileOptions): string[];
}

/** Where the per-task scheduler logs go, relative to the run directory. */
export const CLUSTER_LOGS_DIR = "cluster-logs";

export function compileBatch(
  plan: Plan,
  options: CompileOptions,
  dialect: BatchDialect,
): CompileResult {
  const settings = clusterSettings(plan, options);
  const layouts = layoutPlan(plan, options);
  const notes = dialect.limitations(plan, layouts, options);
  const files: ArtifactFile[] = [...driverFiles(options)];
  const jobs: BatchJob[] = [];
  const partsOfStep = new Map<string, string[]>();

  for (const layout of layouts) {
    if (layout.rows.length === 0) continue;

    const table = `${layout.step.name}.trials`;
    files.push(trialTableArtifact(table, layout));

    for (const part of layout.parts) {
      const job = batchJob(plan, layout, part, dialect, partsOfStep);
      files.push({
        path: job.script,
        content: arrayScript(plan, options, dialect, settings, layout, part, table),
        executable: true,
      });
      jobs.push(job);
      partsOfStep.set(layout.step.name, [...(partsOfStep.get(layout.step.name) ?? []), job.name]);
    }
  }
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), jobs, notes };
}

function batchJob(
  plan: Plan,
  layout: StepLayout,
  part: ArrayPart,
  dialect: BatchDialect,
  partsOfStep: ReadonlyMap<string, readonly string[]>,
): BatchJob {
  const name = partName(plan, layout.step.name, part.part);
  const dependsOn: JobDependency[] = [];

  if (part.correspondsTo !== undefined && layout.correspondsToStep !== undefined) {
    dependsOn.push({
      job: partName(plan, layout.correspondsToStep, part.correspondsTo),
      kind: "aftercorr",
    });
  }
  for (const step of layout.waitsForAll) {
    for (const job of partsOfStep.get(step) ?? []) dependsOn.push({ job, kind: "afterok" });
  }

  return {
    name,
    step: layout.step.name,
    part: part.part,
    script: `${layout.step.name}.p${part.part}.${dialect.scriptExtension}`,
    tasks: part.count,
    offset: part.offset,
    heavy: layout.step.heavy,
    dependsOn,
  };
}

/** Job name of one part: <experiment>-<step>-p<part>. */
export function partName(plan: Plan, step: string, part: number): string {
  return jobName(plan.experiment, step, `p${part}`);
}

function arrayScript(
  plan: Plan,
  options: CompileOptions,
  dialect: BatchDialect,
  settings: ClusterSettings,
  layout: StepLayout,
  part: ArrayPart,
  table: string,
): string {
  const parallel = Math.min(options.bundleParallel, layout.bundleSize);
  const logPrefix = `${options.runDir}/${CLUSTER_LOGS_DIR}/${layout.step.name}.p${part.part}`;
  const directives = dialect.directives({
    name: partName(plan, layout.step.name, part.part),
    tasks: part.count,
    throttle: options.maxParallel,
    resources: taskResources(layout, parallel),
    settings,
    requeue: layout.step.requeue,
    logPrefix,
    options,
  });

  return render("batch/array.sh.hbs", {
    provenance: commentBlock(options.provenance),
    estimate: estimateComment(options, layout.step.name),
    step: layout.step.name,
    part: part.part,
    firstTask: part.offset,
    lastTask: part.offset + part.count - 1,
    trialCount: layout.rows.length,
    bundleSize: layout.bundleSize,
    parallel,
    directives,
    indexExpression: dialect.indexExpression,
    offset: part.offset,
    taskLog: dialect.namesTaskLogs ? "" : `${shQuote(logPrefix)}."$task".out`,
    driver: shQuote(`${options.outDir}/${DRIVER_FILE}`),
    runDir: shQuote(options.runDir),
    table: shQuote(`${options.outDir}/${table}`),
    backend: dialect.backend,
    jobId: dialect.jobIdExpression,
  });
}
