// Large result files are cut into pieces that the main thread and jobs − 1
// worker threads take one at a time as they become free: the main thread
// starts at once while the workers load, and a thread that shares its core
// with other work simply reads fewer pieces. Small files are read in-process,
// where starting a worker would cost more than it saves.
import { Worker } from "node:worker_threads";
import { UserError, type Problem } from "../../errors.ts";
import { workerModuleUrl } from "../../worker-module.ts";
import type { Aggregate, GroupState } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import { readFirstRow } from "./first-row.ts";
import { splitRanges } from "./lines.ts";
import { ingestPiece, type Piece, type PieceContext } from "./piece.ts";
import { PieceQueue } from "./piece-queue.ts";
import { ingestResultFile } from "./result-file.ts";
import { decideRoles, type RoleHints } from "./row-roles.ts";

export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** Small enough to share out evenly, large enough that merging costs little. */
export const PIECE_BYTES = 32 * 1024 * 1024;

export interface ParallelOptions extends RoleHints {
  readonly trialParams: ReadonlyMap<string, Params>;
  readonly jobs: number;
  /** Files smaller than this are read in-process (default PARALLEL_MIN_BYTES). */
  readonly parallelMinBytes?: number;
  /** Piece size (default PIECE_BYTES); tests use small pieces. */
  readonly pieceBytes?: number;
  /** Whether the main thread reads pieces too (default true); false leaves them to workers. */
  readonly readOnMainThread?: boolean;
  readonly onBytes?: (bytes: number) => void;
}

export interface WorkerRequest extends PieceContext {
  readonly trialParams: readonly (readonly [string, Params])[];
}

/** From a worker; the main thread answers ready and done with a Piece or null. */
export type WorkerMessage =
  | { readonly kind: "ready" }
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
    await ingestResultFile(file, aggregate, {
      ...options,
      range: { onBytes: options.onBytes },
    });
    return;
  }

  // Roles are decided once, so every piece reads columns the same way.
  const first = await readFirstRow(file);
  const context: PieceContext = {
    file,
    roles: decideRoles(first.row, options),
    csvHeader: first.header,
    hints: { knownParams: options.knownParams, by: options.by, metrics: options.metrics },
    by: aggregate.options.by,
    metrics: aggregate.options.metrics,
  };
  const pieceCount = Math.ceil(size / (options.pieceBytes ?? PIECE_BYTES));
  const pieces = splitRanges(size, pieceCount).map((range, index) => ({
    index,
    ...range,
    seed: aggregate.options.seed + index * 104729,
  }));
  const queue = new PieceQueue(pieces, aggregate, options.onBytes);

  // Bundling takes ~50 ms; the main thread waits for it, since esbuild calls
  // back into this thread, and a thread busy reading would answer slowly.
  const workerUrl = await workerModuleUrl(new URL("./worker.ts", import.meta.url));
  const workers = Array.from({ length: options.jobs - 1 }, () =>
    runWorker(workerUrl, { ...context, trialParams: [...options.trialParams] }, queue),
  );
  const here =
    options.readOnMainThread === false
      ? []
      : [readPiecesHere(context, options.trialParams, queue)];
  await Promise.all([...workers, ...here]);
}

async function readPiecesHere(
  context: PieceContext,
  trialParams: ReadonlyMap<string, Params>,
  queue: PieceQueue,
): Promise<void> {
  try {
    for (let piece = queue.take(); piece !== null; piece = queue.take()) {
      const current = piece;
      const groups = await ingestPiece(context, trialParams, current, (bytes) =>
        queue.progressed(current, bytes),
      );
      queue.finished(current, groups);
    }
  } catch (error) {
    queue.stop();
    throw error;
  }
}

// A worker reads pieces until the queue is empty; a null piece tells it to exit.
function runWorker(
  moduleUrl: URL,
  request: WorkerRequest,
  queue: PieceQueue,
): Promise<void> {
  const worker = new Worker(moduleUrl, {
    workerData: request,
    // The bundle is plain JavaScript: a loader inherited from the parent's flags
    // (tsx's, under npx tsx) would only cost start-up time.
    execArgv: [],
    // Ingestion keeps little of what it allocates; the default young
    // generation would add ~30 MB of resident memory to each worker.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  let current: Piece | null = null;
  const assignNext = (): void => {
    current = queue.take();
    worker.postMessage(current);
  };

  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      queue.stop();
      reject(error);
      void worker.terminate();
    };
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "ready") assignNext();
      else if (message.kind === "bytes")
        queue.progressed(current as Piece, message.bytes);
      else if (message.kind === "done") {
        queue.finished(current as Piece, message.groups);
        assignNext();
      } else fail(reviveError(message.error));
    });
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (code === 0) resolve();
      else fail(new Error(`result worker exited with code ${code}`));
    });
  });
}

function reviveError(error: unknown): Error {
  const data = error as { problems?: readonly Problem[]; message?: string };
  if (data.problems) return new UserError(data.problems);
  return new Error(data.message ?? String(error));
}
