// `sweepforge provenance`: the RO-Crate or W3C PROV-JSON of a run directory
// or of a package. A package's own ro-crate-metadata.json is returned as
// packed; PROV is derived from the packaged plan, records and manifest.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { UserError } from "../errors.ts";
import { RUN_FILES } from "../record/layout.ts";
import {
  collectPackageContents,
  PACKAGE_DIRS,
  type PackageContents,
} from "./contents.ts";
import { readManifest } from "./integrity.ts";
import type { Manifest } from "./manifest.ts";
import { buildProv } from "./prov.ts";
import { readRunRecords } from "./records.ts";
import { RO_CRATE_FILE, buildRoCrate } from "./ro-crate.ts";
import { readPackagedPlan } from "./run-plan.ts";
import { unpackArchive } from "./unpack.ts";

export const PROVENANCE_FORMATS = ["ro-crate", "prov"] as const;
export type ProvenanceFormat = (typeof PROVENANCE_FORMATS)[number];

/** Rebuilds the contents description of an unpacked package from its manifest. */
export async function contentsOfUnpacked(
  dir: string,
  manifest: Manifest,
): Promise<PackageContents> {
  const runDir = join(dir, PACKAGE_DIRS.run);
  const plan = await readPackagedPlan(join(runDir, RUN_FILES.plan));
  const paths = manifest.files.map((file) => file.path);
  return {
    runDir,
    plan,
    records: await readRunRecords(runDir),
    items: [],
    references: manifest.references,
    definition: manifest.definition,
    sourceRoot: manifest.sourceRoot,
    inputs: plan.inputs.map((input) => ({
      ...input,
      paths: paths.filter((path) =>
        path.startsWith(`${PACKAGE_DIRS.inputs}/${input.name}/`),
      ),
    })),
    policy: manifest.policy,
    warnings: [],
  };
}

/** Unpacks `archive` into a temporary folder, runs `work`, then removes it. */
export async function withUnpacked<T>(
  archive: string,
  work: (dir: string) => Promise<T>,
): Promise<T> {
  const scratch = await mkdtemp(join(tmpdir(), "sweepforge-package-"));
  try {
    const dir = join(scratch, "package");
    await unpackArchive(archive, dir);
    return await work(dir);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The provenance document of a run directory or package, as a JSON value. */
export async function exportProvenance(
  source: string,
  format: ProvenanceFormat,
): Promise<unknown> {
  const path = resolve(source);
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new UserError({
      code: "repro/source-missing",
      message: `'${source}' does not exist`,
      file: source,
      fix: "pass a run directory or a package written by `sweepforge pack`",
    });
  }

  if (info.isDirectory()) {
    const contents = await collectPackageContents(path, { probeEnvironment: false });
    const files = contents.items.map(({ path: p, size, sha256 }) => ({
      path: p,
      size,
      sha256,
    }));
    return format === "prov" ? buildProv(contents, files) : buildRoCrate(contents, files);
  }

  return withUnpacked(path, async (dir) => {
    const manifest = await readManifest(dir);
    if (format === "ro-crate")
      return JSON.parse(await readFile(join(dir, RO_CRATE_FILE), "utf8"));
    return buildProv(await contentsOfUnpacked(dir, manifest), manifest.files);
  });
}
