// manifest.json: what a package holds. Every file's path, size and sha256,
// plus what was referenced rather than included, and why.
import { z } from "zod";
import { UserError } from "../errors.ts";
import { migrateDocument, type MigrationChain } from "./migrate.ts";

export const MANIFEST_SCHEMA_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const PackagedFile = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: Sha256,
});
export type PackagedFile = z.infer<typeof PackagedFile>;

/** A file kept out of the package (too large) but pinned by size and hash. */
export const ReferencedFile = z.object({
  /** Where it would sit in the package. */
  path: z.string(),
  /** Where it lives: an absolute path on the packing host, or a URI. */
  location: z.string(),
  size: z.number().int().nonnegative().nullable(),
  sha256: Sha256.nullable(),
  reason: z.string(),
});
export type ReferencedFile = z.infer<typeof ReferencedFile>;

export const Manifest = z.object({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  generator: z.object({ name: z.literal("sweepforge"), version: z.string() }),
  experiment: z.string(),
  planHash: z.string(),
  /** The definition file inside the package, e.g. "source/experiment.ts". */
  definition: z.string().nullable(),
  /** The folder inside the package that trials run in (the plan's working directory). */
  sourceRoot: z.string().nullable(),
  policy: z.object({
    inlineInputBytes: z.number().int().nonnegative(),
    inlineOutputBytes: z.number().int().nonnegative(),
  }),
  trials: z.number().int().nonnegative(),
  /** Every file in the package except manifest.json itself, sorted by path. */
  files: z.array(PackagedFile),
  references: z.array(ReferencedFile),
});
export type Manifest = z.infer<typeof Manifest>;

export const MANIFEST_MIGRATIONS: MigrationChain = {
  kind: "package manifest",
  current: MANIFEST_SCHEMA_VERSION,
  steps: [],
};

/** Parses manifest text from `file`, migrating older versions forward. */
export function parseManifest(text: string, file: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new UserError({
      code: "repro/manifest-invalid",
      message: "manifest.json is not valid JSON",
      file, fix: "the package is damaged; ask for a fresh copy",
    }, { cause });
  }

  const parsed = Manifest.safeParse(migrateDocument(MANIFEST_MIGRATIONS, raw, file));
  if (!parsed.success) {
    throw new UserError(parsed.error.issues.map((issue) => ({
      code: "repro/manifest-invalid",
      message: `manifest.json: ${issue.message}`,
      file, path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
      fix: "the package is damaged; ask for a fresh copy",
    })));
  }
  return parsed.data;
}

/** Stable serialisation: two-space JSON with a trailing newline. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
