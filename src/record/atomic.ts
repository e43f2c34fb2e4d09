// Durable atomic writes: a temporary file in the same folder, fsync, then
// rename over the target. A reader sees the old file or the new one, never
// half of either, and a crash right after the rename loses nothing.
import { open, rename, rm } from "node:fs/promises";
import { openSync, writeSync, fsyncSync, closeSync, renameSync } from "node:fs";

let counter = 0;

function temporaryName(file: string): string {
  counter += 1;
  return `${file}.${process.pid}.${counter}.tmp`;
}

/** Writes text atomically and durably. */
export async function writeTextAtomic(file: string, text: string): Promise<void> {
  const temporary = temporaryName(file);
  const handle = await open(temporary, "w");

  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }

  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Writes a JSON document (two-space indent, trailing newline) atomically. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeTextAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The synchronous twin, for hot paths that must not wait on the thread pool.
 * `durable: false` skips the fsync for a caller that makes a whole batch of
 * files durable at once (one syncfs instead of one journal commit per file);
 * the rename stays atomic, so a reader still never sees half a file.
 */
export function writeJsonAtomicSync(
  file: string,
  value: unknown,
  options: { readonly durable?: boolean } = {},
): void {
  const temporary = temporaryName(file);
  const fd = openSync(temporary, "w");

  try {
    writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    if (options.durable !== false) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
