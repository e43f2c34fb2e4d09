// What every figure says about where it came from: in its caption for people,
// and inside the file (SVG <metadata>, PNG tEXt chunks) for tools.
import { basename } from "node:path";
import type { RunInfo } from "../results/ingest/run-directory.ts";
import { VERSION } from "../version.ts";

export interface Provenance {
  readonly experiment: string;
  readonly runIds: readonly string[];
  /** Result files read besides the runs (file names), the whole source without runs. */
  readonly resultFiles: readonly string[];
  readonly gitCommit: string | null;
  readonly planHash: string | null;
  readonly sweepforgeVersion: string;
  /** YYYY-MM-DD (UTC) the figure was drawn; SOURCE_DATE_EPOCH pins it. */
  readonly date: string;
}

export function provenanceOf(
  runs: readonly RunInfo[],
  env: NodeJS.ProcessEnv = process.env,
  resultFiles: readonly string[] = [],
): Provenance {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const date =
    Number.isFinite(epoch) && env.SOURCE_DATE_EPOCH ? new Date(epoch * 1000) : new Date();
  return {
    experiment:
      [...new Set(runs.map((r) => r.experiment))].join(" + ") || "(results files)",
    runIds: runs.map((r) => r.runId),
    resultFiles: resultFiles.map((file) => basename(file)),
    gitCommit: runs.find((r) => r.gitCommit)?.gitCommit ?? null,
    planHash: runs.find((r) => r.planHash)?.planHash ?? null,
    sweepforgeVersion: VERSION,
    date: date.toISOString().slice(0, 10),
  };
}

/** The caption lines drawn under a figure's title. */
export function captionLines(
  provenance: Provenance,
  detail: readonly string[],
): string[] {
  const tool = `sweepforge ${provenance.sweepforgeVersion} · ${provenance.date}`;
  // Result files alone have no run, experiment or commit to name: name the files.
  if (provenance.runIds.length === 0) {
    const files = provenance.resultFiles.join(", ") || "no input";
    return [...detail, `results ${files} · ${tool}`];
  }
  const commit = provenance.gitCommit
    ? provenance.gitCommit.slice(0, 10)
    : "no git commit";
  return [
    ...detail,
    `${provenance.experiment} · run ${provenance.runIds.join(", ")} · git ${commit} · ${tool}`,
  ];
}

/** Flat key → value pairs, the form both SVG metadata and PNG text chunks hold. */
export function provenanceFields(
  provenance: Provenance,
  figure: string,
): Record<string, string> {
  return {
    Title: figure,
    Software: `sweepforge ${provenance.sweepforgeVersion}`,
    "sweepforge:experiment": provenance.experiment,
    "sweepforge:runs": provenance.runIds.join(","),
    "sweepforge:result-files": provenance.resultFiles.join(","),
    "sweepforge:git-commit": provenance.gitCommit ?? "",
    "sweepforge:plan-hash": provenance.planHash ?? "",
    "Creation Time": provenance.date,
  };
}
