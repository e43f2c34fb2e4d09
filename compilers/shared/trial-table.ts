// The trial table written beside each script: one line per trial, the task
// number, a tab, then sh words quoted here by the generator. The driver picks
// its lines with awk and evaluates them as arguments to one function, so no
// parameter value is ever parsed by a shell unquoted.
import type { ArtifactFile } from "./artifacts.ts";
import { rowWriter } from "./table-row.ts";
import type { StepLayout } from "./task-layout.ts";

export { ROW_FIELDS, tableRow } from "./table-row.ts";

/** The whole table for one step, rows grouped by task, newline-terminated. */
export function renderTrialTable(layout: StepLayout): string {
  return Buffer.concat(Array.from(trialTablePieces(layout))).toString("utf8");
}

/** Bytes gathered before a piece of the table is handed on. */
const PIECE_BYTES = 1 << 20;

/** Rows are joined into text of about this length before it is encoded. */
const TEXT_CHARS = 1 << 16;

/** UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * The table as UTF-8 pieces of whole rows; concatenated, renderTrialTable's
 * text. Rows are encoded into each piece a few hundred at a time, so a 50 MB
 * table never exists as one string, nor as rows joined and then copied again.
 */
export function* trialTablePieces(layout: StepLayout): Generator<Uint8Array> {
  const row = rowWriter();
  let piece = Buffer.allocUnsafe(PIECE_BYTES);
  let used = 0;
  let text = "";

  for (const { task, trial } of layout.rows) {
    text += `${row(task, trial)}\n`;
    if (text.length < TEXT_CHARS) continue;

    const room = text.length * MAX_UTF8_PER_UNIT;
    if (used + room > piece.length) {
      if (used > 0) yield piece.subarray(0, used);
      piece = Buffer.allocUnsafe(Math.max(PIECE_BYTES, room));
      used = 0;
    }
    used += piece.write(text, used, "utf8");
    text = "";
  }

  if (used > 0) yield piece.subarray(0, used);
  if (text.length > 0) yield Buffer.from(text, "utf8");
}

/**
 * The table as an artifact: writeArtifacts streams its pieces; `content` is
 * rendered only when something reads it (tests, the k8s ConfigMap).
 */
export function trialTableArtifact(path: string, layout: StepLayout): ArtifactFile {
  let content: string | undefined;
  const file = {
    path,
    executable: false,
    get content(): string {
      content ??= renderTrialTable(layout);
      return content;
    },
  };
  // Not enumerable: two compiles of one plan still compare equal field by field.
  return Object.defineProperty(file, "pieces", {
    enumerable: false,
    value: () => trialTablePieces(layout),
  });
}
