// Loads everything a summary, comparison or plot reads: run directories and
// result files, streamed into one aggregate, plus what the runs declare.
import { availableParallelism } from "node:os";
import { UserError } from "../errors.ts";
import { Aggregate } from "./aggregate.ts";
import {
  ingestRunDirectory, type MetricInfoRead, type ParamInfoRead, type RunInfo,
} from "./ingest/run-directory.ts";
import { assertReadable } from "./ingest/result-file.ts";
import { ingestResultFileParallel } from "./ingest/parallel.ts";
import type { Params } from "./group-key.ts";

export interface LoadOptions {
  readonly runDirs: readonly string[];
  /** External result files (JSON Lines or CSV), besides those runs declare. */
  readonly resultFiles?: readonly string[];
  readonly by?: readonly string[] | null;
  readonly metrics?: readonly string[] | null;
  /** Worker threads for large result files; defaults to the core count. */
  readonly jobs?: number;
  /** Result files smaller than this are read without worker threads. */
  readonly parallelMinBytes?: number;
  /** Reports bytes read of all result files (and trials read), for progress bars. */
  readonly onProgress?: (progress: LoadProgress) => void;
}

export interface LoadProgress {
  readonly trials: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

export interface ResultSet {
  readonly runs: readonly RunInfo[];
  readonly aggregate: Aggregate;
  readonly params: readonly ParamInfoRead[];
  readonly metrics: readonly MetricInfoRead[];
  readonly resultFiles: readonly string[];
}

export async function loadResults(options: LoadOptions): Promise<ResultSet> {
  const runs: RunInfo[] = [];
  const seed = 0x5eed;
  const aggregate = new Aggregate({
    by: options.by ?? null, metrics: options.metrics ?? null, seed,
  });
  let trials = 0;
  let bytes = 0;
  let totalBytes = 0;
  const report = (): void => options.onProgress?.({ trials, bytes, totalBytes });

  for (const dir of options.runDirs) {
    runs.push(await ingestRunDirectory(dir, aggregate, {
      onTrial: () => { trials += 1; if (trials % 256 === 0) report(); },
    }));
  }

  const declared = runs.flatMap((r) => r.resultFiles);
  const files = [...new Set([...declared, ...(options.resultFiles ?? [])])];
  const sizes = await Promise.all(files.map(assertReadable));
  totalBytes = sizes.reduce((a, b) => a + b, 0);

  const params = mergeByName(runs.flatMap((run) => run.params));
  const trialParams = new Map<string, Params>();
  for (const run of runs) for (const [id, p] of run.trialParams) trialParams.set(id, p);
  for (const [i, file] of files.entries()) {
    const before = bytes;
    await ingestResultFileParallel(file, sizes[i] as number, aggregate, {
      knownParams: params.map((p) => p.name),
      by: options.by ?? null,
      metrics: options.metrics ?? null,
      trialParams,
      jobs: options.jobs ?? availableParallelism(),
      ...(options.parallelMinBytes === undefined ? {}
        : { parallelMinBytes: options.parallelMinBytes }),
      onBytes: (done) => { bytes = before + done; report(); },
    });
    bytes = before + (sizes[i] as number);
  }
  report();

  checkNames(options, aggregate, params, runs);
  return {
    runs, aggregate, params, resultFiles: files,
    metrics: mergeByName(runs.flatMap((run) => run.metrics)),
  };
}

function mergeByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.name)) seen.set(item.name, item);
  return [...seen.values()];
}

// Unknown --by or --metric names are typos far more often than intent.
function checkNames(options: LoadOptions, aggregate: Aggregate,
  params: readonly ParamInfoRead[], runs: readonly RunInfo[]): void {
  const seenParams = new Set(params.map((p) => p.name));
  for (const group of aggregate.sortedGroups()) {
    for (const name of Object.keys(group.params)) seenParams.add(name);
  }
  const where = runs[0]?.dir ?? options.resultFiles?.[0];
  const unknownBy = (options.by ?? []).filter((name) => !seenParams.has(name) && runs.length > 0);
  const metricNames = new Set([...aggregate.metricNames(), ...aggregate.filteredOut]);
  const unknownMetrics = aggregate.size === 0 ? []
    : (options.metrics ?? []).filter((name) => !metricNames.has(name));

  const problems = [
    ...unknownBy.map((name) => ({
      code: "results/unknown-param",
      message: `--by names "${name}", which is not a parameter of these results`,
      ...(where ? { file: where } : {}),
      fix: `use one of: ${[...seenParams].sort().join(", ") || "(no parameters)"}`,
    })),
    ...unknownMetrics.map((name) => ({
      code: "results/unknown-metric",
      message: `--metric names "${name}", which no trial or result row reported`,
      ...(where ? { file: where } : {}),
      fix: `use one of: ${[...metricNames].sort().join(", ") || "(no metrics)"}`,
    })),
  ];
  if (problems.length > 0) throw new UserError(problems);
}
