// The inputs catalogue: every declared input file, folder or URI with size
// and sha256. Hashes are cached by (path, size, mtime) so an unchanged large
// input is never read twice; object-store URIs are kept as references.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { z } from "zod";
import { UserError } from "../errors.ts";
import type { InputRef } from "../plan/types.ts";
import { writeJsonAtomic } from "./atomic.ts";

export interface CatalogFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export type CatalogEntry =
  | { readonly name: string; readonly kind: "file"; readonly location: string;
      readonly size: number; readonly sha256: string }
  | { readonly name: string; readonly kind: "folder"; readonly location: string;
      readonly size: number; readonly sha256: string; readonly files: readonly CatalogFile[] }
  | { readonly name: string; readonly kind: "reference"; readonly location: string;
      readonly scheme: string };

export interface CatalogOptions {
  /** Folder that relative locations are resolved against (the definition's). */
  readonly baseDir: string;
  /** Hash cache file; default $XDG_CACHE_HOME/sweepforge/input-hashes.json. */
  readonly cacheFile?: string;
  /** Reports how many files were hashed versus taken from the cache. */
  readonly onStats?: (stats: { readonly hashed: number; readonly cached: number }) => void;
}

const CacheEntry = z.object({ size: z.number(), mtimeMs: z.number(), sha256: z.string() });
const CacheFile = z.record(z.string(), CacheEntry);
type Cache = Record<string, z.infer<typeof CacheEntry>>;

export function defaultCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME ?? join(env.HOME ?? "/tmp", ".cache");
  return join(base, "sweepforge", "input-hashes.json");
}

/** A URI scheme such as "s3" for "s3://bucket/key", else null (a local path). */
export function uriScheme(location: string): string | null {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase() ?? null;
}

export async function catalogInputs(
  inputs: readonly InputRef[], options: CatalogOptions,
): Promise<CatalogEntry[]> {
  const cacheFile = options.cacheFile ?? defaultCacheFile();
  const cache = await loadCache(cacheFile);
  const stats = { hashed: 0, cached: 0 };

  const entries: CatalogEntry[] = [];
  for (const input of inputs) {
    entries.push(await catalogOne(input, options.baseDir, cache, stats));
  }

  await mkdir(dirname(cacheFile), { recursive: true });
  await writeJsonAtomic(cacheFile, cache);
  options.onStats?.(stats);
  return entries;
}

async function catalogOne(
  input: InputRef, baseDir: string, cache: Cache, stats: { hashed: number; cached: number },
): Promise<CatalogEntry> {
  const scheme = uriScheme(input.location);
  if (scheme && scheme !== "file") {
    return { name: input.name, kind: "reference", location: input.location, scheme };
  }

  const local = scheme ? input.location.slice("file://".length) : input.location;
  const path = isAbsolute(local) ? local : resolve(baseDir, local);
  const info = await stat(path).catch((cause: unknown) => {
    throw new UserError({
      code: "record/input-missing",
      message: `input "${input.name}" does not exist: ${path}`,
      path: ["inputs", input.name],
      fix: "create the file or folder, or correct the input's location in the definition",
    }, { cause });
  });

  if (!info.isDirectory()) {
    const sha256 = await cachedHash(path, info.size, info.mtimeMs, cache, stats);
    return { name: input.name, kind: "file", location: path, size: info.size, sha256 };
  }

  const files: CatalogFile[] = [];
  for (const file of await filesUnder(path)) {
    const fileInfo = await stat(file);
    files.push({
      path: relative(path, file),
      size: fileInfo.size,
      sha256: await cachedHash(file, fileInfo.size, fileInfo.mtimeMs, cache, stats),
    });
  }
  const digest = createHash("sha256");
  for (const file of files) digest.update(`${file.sha256}  ${file.path}\n`);
  const size = files.reduce((sum, file) => sum + file.size, 0);
  return {
    name: input.name, kind: "folder", location: path, size, sha256: digest.digest("hex"), files,
  };
}

/** Every regular file below a folder, sorted by path. */
async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...await filesUnder(full));
    else if (entry.isFile()) found.push(full);
  }
  return found.sort();
}

async function cachedHash(
  path: string, size: number, mtimeMs: number, cache: Cache,
  stats: { hashed: number; cached: number },
): Promise<string> {
  const known = cache[path];
  if (known && known.size === size && known.mtimeMs === mtimeMs) {
    stats.cached += 1;
    return known.sha256;
  }

  const sha256 = await hashFile(path);
  cache[path] = { size, mtimeMs, sha256 };
  stats.hashed += 1;
  return sha256;
}

export async function hashFile(path: string): Promise<string> {
  const digest = createHash("sha256");
  for await (const chunk of createReadStream(path)) digest.update(chunk as Buffer);
  return digest.digest("hex");
}

async function loadCache(file: string): Promise<Cache> {
  try {
    const parsed = CacheFile.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
