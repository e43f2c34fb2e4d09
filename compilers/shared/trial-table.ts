// The trial table written beside each script: one line per trial, the task
// number, a tab, then sh words quoted here by the generator. The driver picks
// its lines with awk and evaluates them as arguments to one function, so no
// parameter value is ever parsed by a shell unquoted.
import type { TrialSpec } from "../../src/plan/types.ts";
import type { ArtifactFile } from "./artifacts.ts";
import { TRIAL_RECORD_SCHEMA_VERSION } from "../../src/record/trial-record.ts";
import { envName, shQuote } from "./shell-quote.ts";
import type { StepLayout } from "./task-layout.ts";

/** Field order of a row, documented in the driver's header too. */
export const ROW_FIELDS = [
  "trial id", "index", "replicate", "seed", "walltime seconds", "params JSON",
  "trial spec JSON (the wrapper's params.json)",
  "NAME=value environment words...", "--", "argv...",
] as const;

// Built by appending to one string: this runs once per trial of a sweep that
// may have hundreds of thousands, so it avoids intermediate word arrays.
export function tableRow(task: number, trial: TrialSpec): string {
  const params = JSON.stringify(trial.params);
  let row = `${task}\t${shQuote(trial.id)} ${trial.index} ${trial.replicate} ${trial.seed} `
    + `${trial.resources.walltimeSeconds} ${shQuote(params)} `
    + shQuote(trialSpecLine(trial, params));

  for (const name of Object.keys(trial.params)) {
    row += ` ${shQuote(paramVariable(name) + String(trial.params[name]))}`;
  }
  const env = Object.keys(trial.env);
  if (env.length > 0) {
    for (const name of env.sort((a, b) => a.localeCompare(b))) {
      row += ` ${shQuote(`${name}=${trial.env[name]}`)}`;
    }
  }
  row += " --";
  for (const word of trial.argv) row += ` ${shQuote(word)}`;
  return row;
}

const paramVariables = new Map<string, string>();

/** "SWEEPFORGE_PARAM_<NAME>=" for a parameter name, computed once per name. */
function paramVariable(name: string): string {
  let variable = paramVariables.get(name);
  if (variable === undefined) {
    variable = `SWEEPFORGE_PARAM_${envName(name)}=`;
    paramVariables.set(name, variable);
  }
  return variable;
}

/** The whole table for one step, rows grouped by task, newline-terminated. */
export function renderTrialTable(layout: StepLayout): string {
  return Array.from(trialTablePieces(layout)).join("");
}

/** Rows rendered and joined at a time when a table is written in pieces. */
const ROWS_PER_PIECE = 4096;

/** The table as newline-terminated pieces of whole rows; joined, renderTrialTable's text. */
export function* trialTablePieces(layout: StepLayout): Generator<string> {
  const { rows } = layout;
  for (let start = 0; start < rows.length; start += ROWS_PER_PIECE) {
    const end = Math.min(rows.length, start + ROWS_PER_PIECE);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      const row = rows[i] as StepLayout["rows"][number];
      lines.push(tableRow(row.task, row.trial));
    }
    yield `${lines.join("\n")}\n`;
  }
}

/**
 * The table as an artifact: writeArtifacts streams its pieces; `content` is
 * rendered only when something reads it (tests, the k8s ConfigMap).
 */
export function trialTableArtifact(path: string, layout: StepLayout): ArtifactFile {
  let content: string | undefined;
  const file = {
    path,
    executable: false,
    get content(): string {
      content ??= renderTrialTable(layout);
      return content;
    },
  };
  // Not enumerable: two compiles of one plan still compare equal field by field.
  return Object.defineProperty(file, "pieces", {
    enumerable: false,
    value: () => trialTablePieces(layout),
  });
}

// The fields of a TrialRecord known before the trial runs, as the one JSON
// line the wrapper starts its record with (see templates/wrapper/).
// Built as text around the params JSON the row already has (one stringify
// per trial instead of two); key order matches TrialRecord's.
export function trialSpecLine(trial: TrialSpec, params = JSON.stringify(trial.params)): string {
  const { cpus, memoryMiB, gpus, walltimeSeconds } = trial.resources;
  return `{"schemaVersion":${TRIAL_RECORD_SCHEMA_VERSION},"trialId":${JSON.stringify(trial.id)},`
    + `"step":${JSON.stringify(trial.step)},"index":${trial.index},"params":${params},`
    + `"replicate":${trial.replicate},"seed":${trial.seed},"argv":${JSON.stringify(trial.argv)},`
    + `"resources":{"cpus":${cpus},"memoryMiB":${memoryMiB},"gpus":${gpus},`
    + `"walltimeSeconds":${walltimeSeconds}}}`;
}
