// Reproducibility packages: pack a run, verify it by re-execution, reproduce
// it as a new run, and export its provenance (RO-Crate, W3C PROV-JSON).
export {
  packRun,
  buildManifest,
  PACKAGE_SUFFIX,
  type PackOptions,
  type PackResult,
} from "./pack.ts";
export {
  collectPackageContents,
  DEFAULT_INLINE_INPUT_BYTES,
  DEFAULT_INLINE_OUTPUT_BYTES,
  type ContentsOptions,
  type PackageContents,
} from "./contents.ts";
export {
  Manifest,
  MANIFEST_FILE,
  MANIFEST_SCHEMA_VERSION,
  MANIFEST_MIGRATIONS,
  parseManifest,
  type PackagedFile,
  type ReferencedFile,
} from "./manifest.ts";
export { migrateDocument, type Migration, type MigrationChain } from "./migrate.ts";
export {
  unpackArchive,
  DEFAULT_MAX_UNPACKED_BYTES,
  DEFAULT_MAX_ENTRIES,
  type UnpackOptions,
  type UnpackResult,
} from "./unpack.ts";
export { checkIntegrity, readManifest, type IntegrityReport } from "./integrity.ts";
export { verifyPackage, type VerifyOptions, type VerifyReport } from "./verify.ts";
export {
  reproducePackage,
  REPRODUCED_FROM_FILE,
  type ReproduceOptions,
  type ReproduceReport,
} from "./reproduce.ts";
export { formatVerifyReport } from "./report.ts";
export type { TrialVerdict, VerdictStatus } from "./verdict.ts";
export { withinTolerance } from "./compare.ts";
export type { DependencyDrift, DriftRow } from "./drift.ts";
export { ToleranceFlags, type ToleranceOverrides } from "./tolerance-flags.ts";
export { buildRoCrate, RO_CRATE_FILE, CRATE_PROFILES } from "./ro-crate.ts";
export { buildProv, PROV_PREFIXES, type ProvDocument } from "./prov.ts";
export {
  exportProvenance,
  PROVENANCE_FORMATS,
  type ProvenanceFormat,
} from "./provenance.ts";
