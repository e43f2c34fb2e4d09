// Lists the regular files under a folder, as sorted POSIX-style relative
// paths, skipping nothing silently: symlinks and other special files are
// returned separately so the caller can say what it did with them.
import { readdir } from "node:fs/promises";
import { join } from "node:path";

export interface WalkResult {
  readonly files: readonly string[];
  /** Entries that are neither files nor folders (symlinks, sockets, FIFOs). */
  readonly special: readonly string[];
}

export async function walkFiles(root: string): Promise<WalkResult> {
  const files: string[] = [];
  const special: string[] = [];

  async function visit(relative: string): Promise<void> {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) files.push(path);
      else special.push(path);
    }
  }

  await visit("");
  const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(byCodePoint), special: special.sort(byCodePoint) };
}
