// canonicalJson for one TrialSpec, spelled out: a plan hash serialises every
// trial, and the general serialiser's key sorting and recursion dominated
// compiling a 100,000-trial sweep. The text is byte-identical to
// canonicalJson(trial); anything of an unexpected shape takes the general path.
import { canonicalJson, canonicalParamsJson } from "../space/index.ts";
import { remembered, rememberedLast } from "./remembered.ts";
import type { ParamValues, ResourceRequest, TrialSpec } from "./types.ts";

const TRIAL_KEYS = 11;
const RESOURCE_KEYS = 4;

/** Serialises the trials of one table; the same trial always gives the same text. */
export type TrialJsonWriter = (trial: TrialSpec) => string;

/**
 * A fresh writer. Trials of one step repeat most argv words, their step and
 * their resources object, so it remembers the last encoding of each and
 * reuses it while the value stays the same.
 */
export function trialJsonWriter(): TrialJsonWriter {
  const argv = stringColumns();
  const params = paramsColumns();
  const step = rememberedLast((name: string) => JSON.stringify(name));
  const resources = rememberedLast(resourcesJson);

  return (trial) => {
    const resourcesText = hasTrialShape(trial) ? resources(trial.resources) : undefined;
    if (
      resourcesText === undefined ||
      !finite(trial.index) ||
      !finite(trial.point) ||
      !finite(trial.replicate) ||
      !finite(trial.seed)
    ) {
      return canonicalJson(trial);
    }

    return (
      `{"argv":${argv(trial.argv)},"dependsOn":${stringArray(trial.dependsOn)},` +
      `"env":${envJson(trial.env)},"id":${JSON.stringify(trial.id)},` +
      `"index":${number(trial.index)},"params":${params(trial.params)},` +
      `"point":${number(trial.point)},"replicate":${number(trial.replicate)},` +
      `"resources":${resourcesText},` +
      `"seed":${number(trial.seed)},"step":${step(trial.step)}}`
    );
  };
}

/** canonicalJson(trial), faster for trials of the Plan IR's exact shape. */
export function canonicalTrialJson(trial: TrialSpec): string {
  return trialJsonWriter()(trial);
}

// Exactly the TrialSpec members, so no other key needs sorting in.
function hasTrialShape(trial: TrialSpec): boolean {
  const { resources, env, params } = trial as Partial<TrialSpec>;
  return (
    Object.keys(trial).length === TRIAL_KEYS &&
    typeof trial.id === "string" &&
    typeof trial.step === "string" &&
    Array.isArray(trial.argv) &&
    Array.isArray(trial.dependsOn) &&
    isObject(env) &&
    isObject(params) &&
    isObject(resources) &&
    Object.keys(resources).length === RESOURCE_KEYS
  );
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Every field the fast path writes as a number must be one JSON can hold.
function finite(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

// canonicalJson writes -0 as 0.
function number(value: number): string {
  return value === 0 ? "0" : String(value);
}

// Undefined (the general path decides) when a member is not a finite number.
function resourcesJson(resources: ResourceRequest): string | undefined {
  const { cpus, gpus, memoryMiB, walltimeSeconds } = resources;
  if (!finite(cpus) || !finite(gpus) || !finite(memoryMiB) || !finite(walltimeSeconds)) {
    return undefined;
  }
  return (
    `{"cpus":${number(cpus)},"gpus":${number(gpus)},` +
    `"memoryMiB":${number(memoryMiB)},"walltimeSeconds":${number(walltimeSeconds)}}`
  );
}

// A JSON array of strings, each position remembering the encodings it has seen.
function stringColumns(): (values: readonly string[]) => string {
  const columns: ((value: unknown) => string)[] = [];

  return (values) => {
    let text = "[";
    for (let i = 0; i < values.length; i++) {
      const column = (columns[i] ??= remembered(stringJson));
      text += i === 0 ? column(values[i]) : `,${column(values[i])}`;
    }
    return `${text}]`;
  };
}

// The params with sorted keys, each name remembering its members' text.
// Anything but a scalar takes canonicalParamsJson's general path.
function paramsColumns(): (params: ParamValues) => string {
  let keys: readonly string[] = [];
  let sorted: readonly string[] = [];
  const columns = new Map<string, (value: unknown) => string | undefined>();

  return (params) => {
    const now = Object.keys(params);
    if (!sameList(now, keys)) {
      keys = now;
      sorted = [...now].sort();
    }

    let text = "{";
    for (const name of sorted) {
      let column = columns.get(name);
      if (column === undefined) {
        column = remembered((value: unknown) => paramMember(name, value));
        columns.set(name, column);
      }
      const member = column(params[name]);
      if (member === undefined) return canonicalParamsJson(params);
      text += text.length === 1 ? member : `,${member}`;
    }
    return `${text}}`;
  };
}

function paramMember(name: string, value: unknown): string | undefined {
  const scalar =
    typeof value === "number" && Number.isFinite(value)
      ? number(value)
      : typeof value === "string" || typeof value === "boolean"
        ? JSON.stringify(value)
        : undefined;
  return scalar === undefined ? undefined : `${JSON.stringify(name)}:${scalar}`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function stringArray(values: readonly string[]): string {
  if (values.length === 0) return "[]";

  let text = "[";
  for (let i = 0; i < values.length; i++) {
    text += (i === 0 ? "" : ",") + stringJson(values[i]);
  }
  return text + "]";
}

function stringJson(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : canonicalJson(value ?? null);
}

function envJson(env: TrialSpec["env"]): string {
  for (const _name in env) return canonicalJson(env);
  return "{}";
}
