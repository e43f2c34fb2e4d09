// canonicalJson for one TrialSpec, spelled out: a plan hash serialises every
// trial, and the general serialiser's key sorting and recursion dominated
// compiling a 100,000-trial sweep. The text is byte-identical to
// canonicalJson(trial); anything of an unexpected shape takes the general path.
import { canonicalJson, canonicalParamsJson } from "../space/index.ts";
import type { TrialSpec } from "./types.ts";

const TRIAL_KEYS = 11;
const RESOURCE_KEYS = 4;

/** canonicalJson(trial), faster for trials of the Plan IR's exact shape. */
export function canonicalTrialJson(trial: TrialSpec): string {
  const { resources } = trial;
  if (!hasTrialShape(trial)
    || !finite(trial.index, trial.point, trial.replicate, trial.seed, resources.cpus,
      resources.gpus, resources.memoryMiB, resources.walltimeSeconds)) {
    return canonicalJson(trial);
  }

  return `{"argv":${stringArray(trial.argv)},"dependsOn":${stringArray(trial.dependsOn)},`
    + `"env":${envJson(trial.env)},"id":${JSON.stringify(trial.id)},`
    + `"index":${number(trial.index)},"params":${canonicalParamsJson(trial.params)},`
    + `"point":${number(trial.point)},"replicate":${number(trial.replicate)},`
    + `"resources":{"cpus":${number(resources.cpus)},"gpus":${number(resources.gpus)},`
    + `"memoryMiB":${number(resources.memoryMiB)},`
    + `"walltimeSeconds":${number(resources.walltimeSeconds)}},`
    + `"seed":${number(trial.seed)},"step":${JSON.stringify(trial.step)}}`;
}

// Exactly the TrialSpec members, so no other key needs sorting in.
function hasTrialShape(trial: TrialSpec): boolean {
  const { resources, env, params } = trial as Partial<TrialSpec>;
  return Object.keys(trial).length === TRIAL_KEYS
    && typeof trial.id === "string" && typeof trial.step === "string"
    && Array.isArray(trial.argv) && Array.isArray(trial.dependsOn)
    && isObject(env) && isObject(params) && isObject(resources)
    && Object.keys(resources).length === RESOURCE_KEYS;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Every field the fast path writes as a number must be one JSON can hold.
function finite(...values: readonly unknown[]): boolean {
  for (const value of values) {
    if (typeof value !== "number" || !Number.isFinite(value)) return false;
  }
  return true;
}

// canonicalJson writes -0 as 0.
function number(value: number): string {
  return value === 0 ? "0" : String(value);
}

function stringArray(values: readonly string[]): string {
  if (values.length === 0) return "[]";

  let text = "[";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    text += (i === 0 ? "" : ",")
      + (typeof value === "string" ? JSON.stringify(value) : canonicalJson(value ?? null));
  }
  return text + "]";
}

function envJson(env: TrialSpec["env"]): string {
  for (const _name in env) return canonicalJson(env);
  return "{}";
}
