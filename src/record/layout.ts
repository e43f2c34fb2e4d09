// Where things live inside a run directory. Every reader and writer goes
// through these helpers, so the layout is defined in exactly one place.
//
//   <run>/plan.json                 the resolved Plan (trials materialised)
//   <run>/env.json                  environment captured once per run
//   <run>/inputs.json               declared inputs with size and sha256
//   <run>/journal.jsonl             append-only event log (torn last line tolerated)
//   <run>/jobs.json                 cluster submissions: job ids, scripts
//   <run>/scripts/                  generated scripts and trial tables
//   <run>/trials/<trial-id>/params.json   what the trial was asked to do
//   <run>/trials/<trial-id>/record.json   how it went (atomic; present = finished)
//   <run>/trials/<trial-id>/stdout.log, stderr.log
//   <run>/trials/<trial-id>/output/       SWEEPFORGE_OUTPUT_DIR: metrics.json,
//                                          progress.jsonl and declared outputs
import { join } from "node:path";

export const RUN_FILES = {
  plan: "plan.json",
  env: "env.json",
  inputs: "inputs.json",
  journal: "journal.jsonl",
  jobs: "jobs.json",
  scripts: "scripts",
  trials: "trials",
} as const;

export const TRIAL_FILES = {
  params: "params.json",
  record: "record.json",
  stdout: "stdout.log",
  stderr: "stderr.log",
  output: "output",
  metrics: "metrics.json",
  progress: "progress.jsonl",
} as const;

export function trialDir(runDir: string, trialId: string): string {
  return join(runDir, RUN_FILES.trials, trialId);
}

export function trialOutputDir(runDir: string, trialId: string): string {
  return join(trialDir(runDir, trialId), TRIAL_FILES.output);
}

export function trialRecordPath(runDir: string, trialId: string): string {
  return join(trialDir(runDir, trialId), TRIAL_FILES.record);
}
