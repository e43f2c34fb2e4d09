// Reads a file as lines in large chunks, decoding each chunk once: faster than
// readline and bounded in memory (one chunk plus one partial line). A byte
// range owns exactly the lines that begin inside it, so ranges split between
// workers together read every line once.
import { createReadStream } from "node:fs";

export interface LineRange {
  /** The range owns lines whose first byte is at or after `start`. */
  readonly start?: number;
  /** …and before `end`. */
  readonly end?: number;
  /** Called with the number of bytes consumed so far, for progress bars. */
  readonly onBytes?: (bytes: number) => void;
}

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;

/** Calls `onLine` for every non-empty line of the file (or of a byte range). */
export async function forEachLine(
  file: string,
  onLine: (line: string) => void,
  range: LineRange = {},
): Promise<void> {
  await forEachLineSpan(file, (text, start, end) => onLine(text.slice(start, end)), range);
}

/**
 * Like forEachLine, but hands over each line as a span of a larger decoded
 * text, so hot parsers can scan it without a string allocated per line.
 */
export async function forEachLineSpan(
  file: string,
  onLine: (text: string, start: number, end: number) => void,
  range: LineRange = {},
): Promise<void> {
  const start = range.start ?? 0;
  const end = range.end ?? Number.POSITIVE_INFINITY;
  if (start >= end) return;

  // Start one byte early: if that byte ends a line, the next line is ours.
  const readFrom = start > 0 ? start - 1 : 0;
  const stream = createReadStream(file, { start: readFrom, highWaterMark: CHUNK_BYTES });
  let chunkStart = readFrom;
  let skipping = start > 0;
  let carry = "";

  for await (const whole of stream as AsyncIterable<Buffer>) {
    let chunk = whole;
    let last = false;
    if (chunkStart + chunk.length > end - 1) {
      const newline = chunk.indexOf(NEWLINE, Math.max(0, end - 1 - chunkStart));
      if (newline >= 0) {
        chunk = chunk.subarray(0, newline + 1);
        last = true;
      }
    }
    chunkStart += whole.length;

    let from = 0;
    if (skipping) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) continue;
      from = newline + 1;
      skipping = false;
    }

    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline < from) {
      carry += chunk.toString("utf8", from);
    } else {
      const text = carry + chunk.toString("utf8", from, lastNewline);
      carry = chunk.toString("utf8", lastNewline + 1);
      emitLines(text, onLine);
    }
    range.onBytes?.(Math.min(chunkStart, end) - start);
    if (last) {
      stream.destroy();
      break;
    }
  }
  if (carry.length > 0) emitLines(carry, onLine);
}

function emitLines(text: string, onLine: (text: string, start: number, end: number) => void)
  : void {
  let from = 0;
  while (from <= text.length) {
    let newline = text.indexOf("\n", from);
    if (newline < 0) newline = text.length;
    let stop = newline;
    if (stop > from && text.charCodeAt(stop - 1) === 13) stop -= 1;
    if (stop > from) onLine(text, from, stop);
    from = newline + 1;
  }
}

/** Splits a file of `size` bytes into `parts` byte ranges for parallel reading. */
export function splitRanges(size: number, parts: number)
  : readonly { start: number; end: number }[] {
  const count = Math.max(1, Math.min(parts, Math.ceil(size / CHUNK_BYTES)));
  const ranges: { start: number; end: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = Math.floor((size * i) / count);
    ranges.push({ start, end: Math.floor((size * (i + 1)) / count) });
  }
  return ranges;
}
