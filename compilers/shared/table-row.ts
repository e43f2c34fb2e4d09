// One trial-table row per trial, as text. A table repeats most of its words
// row after row (the command's fixed words, a parameter that changes slowly,
// the step, the resources), so each column remembers the last value it
// encoded and reuses the text while the value stays the same.
import type { ParamValue, ResourceRequest, TrialSpec } from "../../src/plan/types.ts";
import { remembered, rememberedLast } from "../../src/plan/remembered.ts";
import { TRIAL_RECORD_SCHEMA_VERSION } from "../../src/record/trial-record.ts";
import { envName, shQuote } from "./shell-quote.ts";

/** Field order of a row, documented in the driver's header too. */
export const ROW_FIELDS = [
  "trial id",
  "index",
  "replicate",
  "seed",
  "walltime seconds",
  "params JSON",
  "trial spec JSON (the wrapper's params.json)",
  "NAME=value environment words...",
  "--",
  "argv...",
] as const;

/** Writes rows of one table; the same trial always gives the same text. */
export type RowWriter = (task: number, trial: TrialSpec) => string;

/** A fresh writer: its memory of earlier rows only saves work, never changes text. */
export function rowWriter(): RowWriter {
  const command = argvColumns();
  const values = paramColumns();
  const step = rememberedLast((name: string) => quotedBody(JSON.stringify(name)));
  const resources = rememberedLast(resourcesText);
  const env = rememberedLast(envText);

  // The params JSON and the spec line are always single-quoted (they start
  // with "{"), and JSON has no raw newline, so each part is quoted on its own
  // instead of scanning the whole line again.
  return (task, trial) => {
    const params = values(trial.params);
    const argv = command(trial.argv);
    const id = shQuote(trial.id);
    // A word sh takes bare (a hex id) has nothing JSON or the quotes must escape.
    const idJson = id === trial.id ? `"${id}"` : quotedBody(JSON.stringify(trial.id));
    return (
      `${task}\t${id} ${trial.index} ${trial.replicate} ${trial.seed} ` +
      `${trial.resources.walltimeSeconds} '${params.json}' ` +
      `'{"schemaVersion":${TRIAL_RECORD_SCHEMA_VERSION},` +
      `"trialId":${idJson},"step":${step(trial.step)},` +
      `"index":${trial.index},"params":${params.json},"replicate":${trial.replicate},` +
      `"seed":${trial.seed},"argv":${argv.json},` +
      `"resources":${resources(trial.resources)}}'` +
      params.words +
      env(trial.env) +
      " --" +
      argv.words
    );
  };
}

/** One row on its own (tests, small tables); rowWriter is the fast way for many. */
export function tableRow(task: number, trial: TrialSpec): string {
  return rowWriter()(task, trial);
}

/** A column's text twice: as sh words, and as JSON ready to sit inside '...'. */
interface Encoded {
  readonly words: string;
  readonly json: string;
}

// The argv as " word word..." and as a JSON array, each position remembering
// the encodings of the words it has seen.
function argvColumns(): (argv: readonly string[]) => Encoded {
  const columns: ((word: string) => Encoded)[] = [];

  return (argv) => {
    let words = "";
    let array = "[";
    for (let i = 0; i < argv.length; i++) {
      const column = (columns[i] ??= remembered(encodeWord));
      const word = column(argv[i] as string);
      words += word.words;
      array += i === 0 ? word.json : `,${word.json}`;
    }
    return { words, json: `${array}]` };
  };
}

function encodeWord(word: string): Encoded {
  return { words: ` ${shQuote(word)}`, json: quotedBody(JSON.stringify(word)) };
}

// " SWEEPFORGE_PARAM_<NAME>=value" words and the params JSON, both in the
// params' own key order, each name remembering the encodings of its values.
function paramColumns(): (params: TrialSpec["params"]) => Encoded {
  const columns = new Map<string, (value: ParamValue) => Encoded>();

  return (params) => {
    let words = "";
    let object = "{";
    for (const name of Object.keys(params)) {
      const value: unknown = params[name];
      if (!isScalar(value)) return slowParams(params);

      let column = columns.get(name);
      if (column === undefined) {
        column = remembered((scalar: ParamValue) => encodeParam(name, scalar));
        columns.set(name, column);
      }
      const param = column(value);
      words += param.words;
      object += object.length === 1 ? param.json : `,${param.json}`;
    }
    return { words, json: `${object}}` };
  };
}

function encodeParam(name: string, value: ParamValue): Encoded {
  return {
    words: ` ${shQuote(paramVariable(name) + String(value))}`,
    json: quotedBody(`${JSON.stringify(name)}:${JSON.stringify(value)}`),
  };
}

function isScalar(value: unknown): value is ParamValue {
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean";
}

// Params read back from a hand-edited plan could hold anything: encoded whole.
function slowParams(params: TrialSpec["params"]): Encoded {
  let words = "";
  for (const name of Object.keys(params)) {
    words += ` ${shQuote(paramVariable(name) + String(params[name]))}`;
  }
  return { words, json: quotedBody(JSON.stringify(params)) };
}

/** JSON as it reads between sh single quotes: each ' becomes '\'' . */
function quotedBody(json: string): string {
  return json.includes("'") ? json.replaceAll("'", `'\\''`) : json;
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

// Key order matches TrialRecord's.
function resourcesText(resources: ResourceRequest): string {
  const { cpus, memoryMiB, gpus, walltimeSeconds } = resources;
  return (
    `{"cpus":${cpus},"memoryMiB":${memoryMiB},"gpus":${gpus},` +
    `"walltimeSeconds":${walltimeSeconds}}`
  );
}

// " NAME=value" words, sorted by name so a row does not depend on key order.
function envText(env: TrialSpec["env"]): string {
  let text = "";
  for (const name of Object.keys(env).sort((a, b) => a.localeCompare(b))) {
    text += ` ${shQuote(`${name}=${env[name]}`)}`;
  }
  return text;
}
