// Run records: the run-directory layout, trial records and their migrations,
// atomic writes, the journal, environment capture and the inputs catalogue.
export * from "./layout.ts";
export * from "./trial-record.ts";
export { migrateTrialRecord } from "./migrate.ts";
export { writeJsonAtomic, writeJsonAtomicSync, writeTextAtomic } from "./atomic.ts";
export { readTrialRecord, listTrialRecords, listTrialIds } from "./read.ts";
export {
  appendJournal, appendJournalSync, readJournal, JournalWriter, journalPath, type JournalEvent,
} from "./journal.ts";
export { trialSpecLine } from "./trial-spec.ts";
export * from "./environment/index.ts";
export {
  catalogInputs, hashFile, uriScheme, defaultCacheFile,
  type CatalogEntry, type CatalogFile, type CatalogOptions,
} from "./inputs.ts";
