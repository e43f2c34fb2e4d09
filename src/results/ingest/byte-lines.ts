// Reads a file as lines of raw bytes: one reusable buffer, newlines found with
// indexOf(10), no UTF-8 decoding. A line is handed over as a span of the
// buffer, valid only during the callback. Byte ranges follow lines.ts: a range
// owns the lines whose first byte lies inside it.
import { open } from "node:fs/promises";
import type { LineRange } from "./lines.ts";

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

export type ByteLineHandler = (bytes: Buffer, start: number, end: number) => void;

/** Calls `onLine` for every non-empty line of the file (or of a byte range). */
export async function forEachLineBytes(
  file: string,
  onLine: ByteLineHandler,
  range: LineRange = {},
): Promise<void> {
  const start = range.start ?? 0;
  const end = range.end ?? Number.POSITIVE_INFINITY;
  if (start >= end) return;

  const handle = await open(file, "r");
  try {
    await readLines(handle, start, end, onLine, range.onBytes);
  } finally {
    await handle.close();
  }
}

type FileHandle = Awaited<ReturnType<typeof open>>;

async function readLines(handle: FileHandle, start: number, end: number,
  onLine: ByteLineHandler, onBytes: ((bytes: number) => void) | undefined): Promise<void> {
  let buffer: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  // Start one byte early: if that byte ends a line, the next line is ours.
  let position = start > 0 ? start - 1 : 0;
  let bufferOffset = position;
  let filled = 0;
  let skipping = start > 0;

  for (;;) {
    if (filled === buffer.length) buffer = grown(buffer, filled);
    const free = buffer.length - filled;
    const { bytesRead } = await handle.read(buffer, filled, free, position);
    if (bytesRead === 0) break;
    filled += bytesRead;
    position += bytesRead;

    const view = buffer.subarray(0, filled);
    let from = 0;
    if (skipping) {
      const newline = view.indexOf(NEWLINE);
      if (newline < 0) {
        bufferOffset += filled;
        filled = 0;
        continue;
      }
      from = newline + 1;
      skipping = false;
    }

    let newline = view.indexOf(NEWLINE, from);
    while (newline >= 0 && bufferOffset + from < end) {
      emit(view, from, newline, onLine);
      from = newline + 1;
      newline = view.indexOf(NEWLINE, from);
    }
    onBytes?.(Math.min(position, end) - start);
    if (bufferOffset + from >= end) return;

    buffer.copyWithin(0, from, filled);
    bufferOffset += from;
    filled -= from;
  }

  if (filled > 0 && !skipping && bufferOffset < end) emit(buffer, 0, filled, onLine);
}

function emit(bytes: Buffer, from: number, newline: number, onLine: ByteLineHandler): void {
  let stop = newline;
  if (stop > from && bytes[stop - 1] === CARRIAGE_RETURN) stop -= 1;
  if (stop > from) onLine(bytes, from, stop);
}

// A line longer than the buffer: double it, keeping the bytes read so far.
function grown(buffer: Buffer, filled: number): Buffer {
  const larger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(larger, 0, 0, filled);
  return larger;
}
