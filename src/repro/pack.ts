// `sweepforge pack`: one deterministic .tar.gz holding everything needed to
// rerun and check a run. manifest.json comes first so a reader can check the
// rest against it; every other entry follows in path order.
import { rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { VERSION } from "../version.ts";
import {
  bytesItem,
  collectPackageContents,
  type ContentsOptions,
  type PackageContents,
} from "./contents.ts";
import { sha256OfFile } from "./hash.ts";
import {
  MANIFEST_FILE,
  MANIFEST_SCHEMA_VERSION,
  serializeManifest,
  type Manifest,
} from "./manifest.ts";
import { RO_CRATE_FILE, buildRoCrate } from "./ro-crate.ts";
import { writeTarGz, type ArchiveEntry } from "./tar-writer.ts";

export interface PackOptions extends ContentsOptions {
  /** Archive to write; default `<run-dir>.sweepforge.tar.gz` beside the run. */
  readonly output?: string;
}

export interface PackResult {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly manifest: Manifest;
  readonly warnings: readonly string[];
}

export const PACKAGE_SUFFIX = ".sweepforge.tar.gz";

/** The manifest of `contents`, given every packaged file but itself. */
export function buildManifest(
  contents: PackageContents,
  files: Manifest["files"],
): Manifest {
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    generator: { name: "sweepforge", version: VERSION },
    experiment: contents.plan.experiment,
    planHash: contents.plan.hash,
    definition: contents.definition,
    sourceRoot: contents.sourceRoot,
    policy: contents.policy,
    trials: contents.records.length,
    files,
    references: [...contents.references],
  };
}

/** Packs the run directory `runDir` into one archive. */
export async function packRun(
  runDir: string,
  options: PackOptions = {},
): Promise<PackResult> {
  const cwd = options.cwd ?? process.cwd();
  const contents = await collectPackageContents(runDir, options);
  const output = resolve(
    cwd,
    options.output ?? `${contents.runDir.replace(/\/+$/, "")}${PACKAGE_SUFFIX}`,
  );

  const files = contents.items.map(({ path, size, sha256 }) => ({ path, size, sha256 }));
  const crate = bytesItem(
    RO_CRATE_FILE,
    Buffer.from(`${JSON.stringify(buildRoCrate(contents, files), null, 2)}\n`),
  );
  const items = [...contents.items, crate].sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifest = buildManifest(
    contents,
    items.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
  );
  const manifestBytes = Buffer.from(serializeManifest(manifest));

  const entries: ArchiveEntry[] = [
    {
      path: MANIFEST_FILE,
      size: manifestBytes.length,
      content: { bytes: manifestBytes },
    },
    ...items.map(({ path, size, content }) => ({ path, size, content })),
  ];
  const partial = join(dirname(output), `.${basename(output)}.partial-${process.pid}`);
  try {
    await writeTarGz(partial, entries);
    await rename(partial, output);
  } finally {
    await rm(partial, { force: true });
  }

  const [sha256, info] = await Promise.all([sha256OfFile(output), stat(output)]);
  return {
    file: output,
    sha256,
    bytes: info.size,
    manifest,
    warnings: contents.warnings,
  };
}
