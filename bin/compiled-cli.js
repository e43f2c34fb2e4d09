// The command line, compiled once into plain JavaScript and cached on disk.
//
// Running the TypeScript sources through tsx costs every command about 0.35 s
// of start-up and ~40 MiB of memory: tsx's hooks run on a loader thread with a
// JavaScript heap of its own. Instead, esbuild (the compiler tsx itself uses)
// bundles the CLI's sources into ES modules the first time they are needed and
// whenever a source changes; later commands import the cached bundle directly.
//
// A bundle is trusted only through `cli.json`, which is written last and by
// rename, and lists every source it was built from with its size and mtime.
// Whatever goes wrong here, the caller falls back to running the sources.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  importsByAbsoluteUrl,
  OWN_URL,
  ownImportMetaUrl,
} from "../src/bundle-plugins.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = join(ROOT, "src", "cli", "main.ts");
const MANIFEST = "cli.json";
const MANIFEST_VERSION = 1;

// Unreferenced builds older than this are removed; a younger one may still be
// in use by a command that started before the sources changed.
const STALE_BUILD_MS = 60 * 60 * 1000;

/**
 * The folder of cached bundles: $SWEEPFORGE_CLI_CACHE, or node_modules/.cache
 * inside the package (the usual place for a package's build caches).
 */
function cliCacheDir() {
  const chosen = process.env.SWEEPFORGE_CLI_CACHE;
  return chosen || join(ROOT, "node_modules", ".cache", "sweepforge");
}

/**
 * The URL of the bundled src/cli/main.ts, built first if no valid bundle is
 * cached. Rejects if neither reading nor building one works.
 */
export async function compiledCliUrl(cacheDir = cliCacheDir()) {
  const cached = await validBuild(cacheDir);
  if (cached !== null) return pathToFileURL(join(cacheDir, cached, "main.js"));

  const build = await buildCli(cacheDir);
  await removeStaleBuilds(cacheDir, build);
  return pathToFileURL(join(cacheDir, build, "main.js"));
}

// The build named by the manifest, if every source it lists is unchanged.
async function validBuild(cacheDir) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(join(cacheDir, MANIFEST), "utf8"));
  } catch {
    return null;
  }
  if (manifest.version !== MANIFEST_VERSION || manifest.root !== ROOT) return null;
  if (manifest.node !== process.versions.node) return null;

  const checks = manifest.inputs.map(async ([path, size, mtimeMs]) => {
    const now = await stat(join(ROOT, path));
    return now.size === size && now.mtimeMs === mtimeMs;
  });
  try {
    const unchanged = await Promise.all(checks);
    await stat(join(cacheDir, manifest.build, "main.js"));
    return unchanged.every(Boolean) ? manifest.build : null;
  } catch {
    return null;
  }
}

// Builds into a fresh folder, then points the manifest at it. Two commands
// building at once each finish their own build; the last rename wins.
async function buildCli(cacheDir) {
  const { build } = await import("esbuild");
  const name = `cli-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const outdir = join(cacheDir, name);
  await mkdir(cacheDir, { recursive: true });

  // Sources are stat-ed before they are read, so an edit made during the build
  // leaves a manifest that no longer matches, and the next command rebuilds.
  const inputs = new Map();
  await build({
    entryPoints: [ENTRY],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outdir,
    sourcemap: "linked",
    logLevel: "silent",
    define: { "import.meta.url": OWN_URL },
    plugins: [
      importsByAbsoluteUrl,
      ownImportMetaUrl((path, seen) => inputs.set(path, seen)),
    ],
  });

  const manifest = {
    version: MANIFEST_VERSION,
    root: ROOT,
    node: process.versions.node,
    build: name,
    inputs: [...inputs].map(([path, seen]) => [
      relative(ROOT, path),
      seen.size,
      seen.mtimeMs,
    ]),
  };
  const temporary = join(cacheDir, `${MANIFEST}.${name}`);
  await writeFile(temporary, JSON.stringify(manifest));
  await rename(temporary, join(cacheDir, MANIFEST));
  return name;
}

async function removeStaleBuilds(cacheDir, current) {
  const now = Date.now();
  for (const entry of await readdir(cacheDir)) {
    if (!entry.startsWith("cli-") || entry === current) continue;
    const path = join(cacheDir, entry);
    const info = await stat(path).catch(() => null);
    if (info !== null && now - info.mtimeMs > STALE_BUILD_MS) {
      await rm(path, { recursive: true, force: true });
    }
  }
}
