// Hands out the pieces of a file in order to whichever thread asks next, and
// merges their snapshots into the target aggregate in that same order,
// whatever order they finish in: only pieces that finish early wait here.
import type { Aggregate, GroupState } from "../aggregate.ts";
import type { Piece } from "./piece.ts";

export class PieceQueue {
  private next = 0;
  private nextMerged = 0;
  private stopped = false;
  private readonly finishedEarly = new Map<number, readonly GroupState[]>();
  /** Bytes read so far of each piece handed out. */
  private readonly bytesRead = new Map<number, number>();

  constructor(
    private readonly pieces: readonly Piece[],
    private readonly target: Aggregate,
    private readonly onBytes?: (bytes: number) => void,
  ) {}

  /** The next piece to read; null when all are taken or reading failed. */
  take(): Piece | null {
    if (this.stopped || this.next >= this.pieces.length) return null;
    const piece = this.pieces[this.next] as Piece;
    this.next += 1;
    return piece;
  }

  /** A failure anywhere: hand out nothing more. */
  stop(): void {
    this.stopped = true;
  }

  progressed(piece: Piece, bytes: number): void {
    this.bytesRead.set(piece.index, bytes);
    this.reportBytes();
  }

  finished(piece: Piece, groups: readonly GroupState[]): void {
    this.bytesRead.set(piece.index, piece.end - piece.start);
    this.finishedEarly.set(piece.index, groups);
    for (;;) {
      const next = this.finishedEarly.get(this.nextMerged);
      if (next === undefined) break;
      this.target.merge(next);
      this.finishedEarly.delete(this.nextMerged);
      this.nextMerged += 1;
    }
    this.reportBytes();
  }

  private reportBytes(): void {
    if (!this.onBytes) return;
    let total = 0;
    for (const bytes of this.bytesRead.values()) total += bytes;
    this.onBytes(total);
  }
}
