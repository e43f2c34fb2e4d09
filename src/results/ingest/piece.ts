// One piece of a large result file: a byte range read into an aggregate of its
// own, seeded by the piece's index, so its snapshot is the same whichever
// thread reads it. The main thread and the worker threads both read pieces
// with this function.
import { Aggregate, type GroupState } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import { ingestResultFile } from "./result-file.ts";
import type { RoleHints, RowRoles } from "./row-roles.ts";

/** What every piece of one file shares; sent once to each worker. */
export interface PieceContext {
  readonly file: string;
  readonly hints: RoleHints;
  readonly roles: RowRoles;
  readonly csvHeader: readonly string[] | null;
  readonly by: readonly string[] | null;
  readonly metrics: readonly string[] | null;
}

export interface Piece {
  /** Position in the file: snapshots are merged in this order. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly seed: number;
}

export async function ingestPiece(
  context: PieceContext,
  trialParams: ReadonlyMap<string, Params>,
  piece: Piece,
  onBytes: (bytes: number) => void,
): Promise<readonly GroupState[]> {
  const { by, metrics } = context;
  const aggregate = new Aggregate({ by, metrics, seed: piece.seed });
  await ingestResultFile(context.file, aggregate, {
    ...context.hints,
    roles: context.roles,
    ...(context.csvHeader ? { csvHeader: context.csvHeader } : {}),
    trialParams,
    range: { start: piece.start, end: piece.end, onBytes },
  });
  return aggregate.snapshot();
}
