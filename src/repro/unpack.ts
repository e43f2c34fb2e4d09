// Unpacks a package that may come from anyone. Every entry is checked before
// a byte of it is written: no absolute paths, no "..", no links, no devices or
// FIFOs, no duplicates, a cap on the expanded size. Extraction goes to a
// private staging folder next to the target and is renamed into place only
// when the whole archive was accepted, so a refused archive leaves nothing.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { Parser, type ReadEntry } from "tar";
import { UserError } from "../errors.ts";

export interface UnpackOptions {
  /** Refuse archives that expand to more than this many bytes (default 20 GiB). */
  readonly maxBytes?: number;
  /** Refuse archives with more entries than this (default 1,000,000). */
  readonly maxEntries?: number;
}

export interface UnpackResult {
  readonly directory: string;
  readonly files: number;
  readonly bytes: number;
}

export const DEFAULT_MAX_UNPACKED_BYTES = 20 * 1024 ** 3;
export const DEFAULT_MAX_ENTRIES = 1_000_000;

const REGULAR_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);

/** Why an entry may not be unpacked, or undefined when its path is acceptable. */
export function unsafePathReason(path: string): string | undefined {
  if (path === "" || path.includes("\0")) return "has an empty or NUL-containing path";
  if (path.startsWith("/") || path.startsWith("\\") || /^[A-Za-z]:/.test(path)) {
    return "has an absolute path";
  }
  const parts = path.split(/[\\/]/);
  if (parts.includes("..")) return "has a '..' component that climbs out of the target";
  return undefined;
}

/** The reason a non-regular entry is refused. */
function entryTypeReason(entry: ReadEntry, target: string): string {
  if (entry.type === "SymbolicLink" || entry.type === "Link") {
    const kind = entry.type === "Link" ? "hard link" : "symbolic link";
    const from = entry.type === "Link" ? target : dirname(join(target, entry.path));
    const pointsTo = resolve(from, entry.linkpath ?? "");
    const outside = !isInside(target, pointsTo);
    return outside
      ? `is a ${kind} to '${entry.linkpath}', which points outside the target`
      : `is a ${kind}; packages never contain links`;
  }
  return `is a ${entry.type} entry; only regular files and folders may be unpacked`;
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

function refusal(archive: string, entryPath: string, reason: string): UserError {
  return new UserError({
    code: "repro/unsafe-archive",
    message: `refused to unpack: entry '${entryPath}' ${reason}; nothing was written`,
    file: archive,
    fix: "only unpack packages written by `sweepforge pack`; ask the sender for a clean one",
  });
}

async function prepareTarget(target: string, archive: string): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (!existing) return;

  const empty = existing.isDirectory() && (await readdir(target)).length === 0;
  if (!empty) {
    throw new UserError({
      code: "repro/target-exists",
      message: `cannot unpack into '${target}': it already exists and is not empty`,
      file: archive,
      fix: "choose a new directory with --out, or remove the existing one",
    });
  }
  await rmdir(target);
}

/** Extracts `archive` (tar or tar.gz) into the new directory `target`. */
export async function unpackArchive(
  archive: string,
  target: string,
  options: UnpackOptions = {},
): Promise<UnpackResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UNPACKED_BYTES;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const finalDir = resolve(target);
  await prepareTarget(finalDir, archive);

  const stage = join(
    dirname(finalDir),
    `.${basename(finalDir)}.partial-${process.pid}-${Date.now()}`,
  );
  await mkdir(stage, { recursive: true });

  try {
    const totals = await extractChecked(archive, stage, maxBytes, maxEntries);
    await rename(stage, finalDir);
    return { directory: finalDir, ...totals };
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw error;
  }
}

async function extractChecked(
  archive: string,
  stage: string,
  maxBytes: number,
  maxEntries: number,
): Promise<{ files: number; bytes: number }> {
  const seen = new Set<string>();
  const writes: Promise<void>[] = [];
  let bytes = 0;
  let files = 0;

  await new Promise<void>((done, fail) => {
    const source = createReadStream(archive);
    const parser = new Parser({ strict: true });
    let failed = false;
    const stop = (error: unknown): void => {
      if (failed) return;
      failed = true;
      source.destroy();
      fail(error);
    };

    parser.on("entry", (entry: ReadEntry) => {
      if (failed) return void entry.resume();
      const path = entry.path.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
      const reason = checkEntry(entry, path, stage, seen, maxEntries, bytes, maxBytes);
      if (reason) {
        entry.resume();
        return stop(refusal(archive, entry.path, reason));
      }

      seen.add(path);
      if (entry.type === "Directory") {
        writes.push(mkdir(join(stage, path), { recursive: true }).then(() => undefined));
        return void entry.resume();
      }
      bytes += entry.size;
      files += 1;
      writes.push(writeEntry(entry, join(stage, path)).catch(stop));
    });
    parser.on("error", (error: Error) => stop(corrupt(archive, error)));
    parser.on("end", () => {
      Promise.all(writes).then(() => done(), stop);
    });
    source.on("error", (error) => stop(unreadable(archive, error)));
    source.pipe(parser as unknown as NodeJS.WritableStream);
  });

  return { files, bytes };
}

function checkEntry(
  entry: ReadEntry,
  path: string,
  stage: string,
  seen: ReadonlySet<string>,
  maxEntries: number,
  bytes: number,
  maxBytes: number,
): string | undefined {
  const pathReason = unsafePathReason(entry.path);
  if (pathReason) return pathReason;
  if (entry.type !== "Directory" && !REGULAR_TYPES.has(entry.type)) {
    return entryTypeReason(entry, stage);
  }
  if (seen.size + 1 > maxEntries) return `exceeds the limit of ${maxEntries} entries`;
  if (bytes + entry.size > maxBytes) {
    return `would expand the package beyond the limit of ${maxBytes} bytes`;
  }
  if (seen.has(path)) return "appears twice; a second copy could hide the first";
  return undefined;
}

async function writeEntry(entry: ReadEntry, destination: string): Promise<void> {
  await mkdir(dirname(destination), { recursive: true });
  await pipeline(entry, createWriteStream(destination, { flags: "wx", mode: 0o644 }));
}

function corrupt(archive: string, cause: Error): UserError {
  return new UserError(
    {
      code: "repro/corrupt-archive",
      message: `'${archive}' is not a readable package archive: ${cause.message}`,
      file: archive,
      fix: "check that the file is a complete .tar.gz written by `sweepforge pack`",
    },
    { cause },
  );
}

function unreadable(archive: string, cause: Error): UserError {
  return new UserError(
    {
      code: "repro/package-unreadable",
      message: `cannot read package '${archive}': ${cause.message}`,
      file: archive,
      fix: "check the path and its permissions",
    },
    { cause },
  );
}
