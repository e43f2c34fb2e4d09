// A chain of schema migrations: each step lifts a document from version n to
// n + 1. Readers run the chain so that a package written years ago is read
// as if it had been written today.
import { UserError } from "../errors.ts";

/** Lifts a document one version: `from` → `from + 1`. */
export interface Migration {
  readonly from: number;
  readonly describe: string;
  readonly up: (document: Record<string, unknown>) => Record<string, unknown>;
}

export interface MigrationChain {
  /** What the document is, for messages: "package manifest", "plan". */
  readonly kind: string;
  readonly current: number;
  readonly steps: readonly Migration[];
}

function versionOf(document: unknown): number | undefined {
  if (typeof document !== "object" || document === null) return undefined;
  const version = (document as { schemaVersion?: unknown }).schemaVersion;
  return Number.isInteger(version) ? (version as number) : undefined;
}

/** Brings `document` to `chain.current`, or explains why it cannot. */
export function migrateDocument(
  chain: MigrationChain, document: unknown, file: string,
): Record<string, unknown> {
  const version = versionOf(document);
  if (version === undefined || version < 1) {
    throw new UserError({
      code: "repro/schema-version-missing",
      message: `this ${chain.kind} has no valid schemaVersion`,
      file, path: ["schemaVersion"],
      fix: `the file must be a ${chain.kind} written by sweepforge`,
    });
  }
  if (version > chain.current) {
    throw new UserError({
      code: "repro/schema-too-new",
      message: `this ${chain.kind} has schemaVersion ${version}, newer than the `
        + `${chain.current} this sweepforge reads`,
      file, path: ["schemaVersion"],
      fix: "upgrade sweepforge to the version that wrote it (see the package's manifest)",
    });
  }

  let lifted = document as Record<string, unknown>;
  for (let at = version; at < chain.current; at += 1) {
    const step = chain.steps.find((candidate) => candidate.from === at);
    if (!step) {
      throw new UserError({
        code: "repro/migration-missing",
        message: `no migration of ${chain.kind} from schemaVersion ${at} to ${at + 1}`,
        file, path: ["schemaVersion"],
        fix: "report this as a bug: every released schemaVersion must have a migration",
      });
    }
    lifted = { ...step.up(lifted), schemaVersion: at + 1 };
  }
  return lifted;
}
