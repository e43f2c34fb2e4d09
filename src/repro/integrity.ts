// The first half of `verify`: is every file the manifest lists present with
// its recorded size and sha256, and is nothing else there?
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { sha256OfFile } from "./hash.ts";
import { MANIFEST_FILE, parseManifest, type Manifest } from "./manifest.ts";
import { mapLimited } from "./pool.ts";
import { walkFiles } from "./walk.ts";

export interface IntegrityReport {
  readonly ok: boolean;
  readonly manifest: Manifest;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly altered: readonly string[];
}

/** Reads manifest.json from an unpacked package folder. */
export async function readManifest(packageDir: string): Promise<Manifest> {
  const file = join(packageDir, MANIFEST_FILE);
  const text = await readFile(file, "utf8").catch((cause: unknown) => {
    throw new UserError(
      {
        code: "repro/manifest-missing",
        message: "the package has no manifest.json, so nothing in it can be trusted",
        file,
        fix: "only verify packages written by `sweepforge pack`",
      },
      { cause },
    );
  });
  return parseManifest(text, file);
}

/** Checks every file of the unpacked package against its manifest. */
export async function checkIntegrity(packageDir: string): Promise<IntegrityReport> {
  const manifest = await readManifest(packageDir);
  const present = new Set((await walkFiles(packageDir)).files);
  const listed = new Set(manifest.files.map((file) => file.path));

  const missing = manifest.files.map((f) => f.path).filter((path) => !present.has(path));
  const extra = [...present].filter(
    (path) => path !== MANIFEST_FILE && !listed.has(path),
  );
  const checked = await mapLimited(
    manifest.files.filter((file) => present.has(file.path)),
    16,
    async (file) => ({ file, actual: await sha256OfFile(join(packageDir, file.path)) }),
  );
  const altered = checked
    .filter(({ file, actual }) => actual !== file.sha256)
    .map(({ file }) => file.path);

  return {
    ok: missing.length + extra.length + altered.length === 0,
    manifest,
    missing,
    extra: extra.sort(),
    altered,
  };
}
