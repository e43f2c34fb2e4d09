// Large result files are split into byte ranges read by worker threads, each
// building its own aggregate; the main thread merges their snapshots. Small
// files are read in-process, where starting workers would cost more than it
// saves.
import { Worker } from "node:worker_threads";
import { UserError, type Problem } from "../../errors.ts";
import { Aggregate, type GroupState } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import { readFirstRow } from "./first-row.ts";
import { splitRanges } from "./lines.ts";
import { ingestResultFile } from "./result-file.ts";
import { decideRoles, type RoleHints } from "./row-roles.ts";

export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

export interface ParallelOptions extends RoleHints {
  readonly trialParams: ReadonlyMap<string, Params>;
  readonly jobs: number;
  /** Files smaller than this are read in-process (default PARALLEL_MIN_BYTES). */
  readonly parallelMinBytes?: number;
  readonly onBytes?: (bytes: number) => void;
}

export interface WorkerRequest {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly hints: RoleHints;
  readonly roles: ReturnType<typeof decideRoles>;
  readonly csvHeader: readonly string[] | null;
  readonly trialParams: readonly (readonly [string, Params])[];
  readonly by: readonly string[] | null;
  readonly metrics: readonly string[] | null;
  readonly seed: number;
}

export type WorkerMessage =
  | { readonly kind: "bytes"; readonly bytes: number }
  | { readonly kind: "done"; readonly groups: readonly GroupState[] }
  | { readonly kind: "error"; readonly error: unknown };

export async function ingestResultFileParallel(
  file: string,
  size: number,
  aggregate: Aggregate,
  options: ParallelOptions,
): Promise<void> {
  if (options.jobs <= 1 || size < (options.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
    await ingestResultFile(file, aggregate, { ...options, range: { onBytes: options.onBytes } });
    return;
  }

  // Roles are decided once, so every worker reads columns the same way.
  const first = await readFirstRow(file);
  const roles = decideRoles(first.row, options);
  const ranges = splitRanges(size, options.jobs);
  const progress = ranges.map(() => 0);

  const results = await Promise.all(ranges.map((range, i) => runWorker({
    file, start: range.start, end: range.end, roles, csvHeader: first.header,
    hints: { knownParams: options.knownParams, by: options.by, metrics: options.metrics },
    trialParams: [...options.trialParams], by: aggregate.options.by,
    metrics: aggregate.options.metrics, seed: aggregate.options.seed + i * 104729,
  }, (bytes) => {
    progress[i] = bytes;
    options.onBytes?.(progress.reduce((a, b) => a + b, 0));
  })));

  for (const groups of results) aggregate.merge(groups);
}

function runWorker(request: WorkerRequest, onBytes: (bytes: number) => void)
  : Promise<readonly GroupState[]> {
  const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), {
    workerData: request,
  });
  return new Promise((resolveGroups, reject) => {
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "bytes") onBytes(message.bytes);
      else if (message.kind === "done") resolveGroups(message.groups);
      else reject(reviveError(message.error));
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (code !== 0) reject(new Error(`result worker exited with code ${code}`));
    });
  });
}

function reviveError(error: unknown): Error {
  const data = error as { problems?: readonly Problem[]; message?: string };
  if (data.problems) return new UserError(data.problems);
  return new Error(data.message ?? String(error));
}
