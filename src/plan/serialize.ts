// The canonical plan.json text, produced piece by piece so a million-trial
// plan is streamed rather than built as one string. Every object has sorted
// keys; the top level has a fixed order; one trial per line. The plan hash
// is sha256 over exactly the text that precedes the final "hash" member.
import { createHash } from "node:crypto";
import { canonicalJson } from "../space/index.ts";
import { trialJsonWriter } from "./trial-json.ts";
import type { Plan, PlanStep } from "./types.ts";

const HEADER_FIELDS = [
  "schemaVersion",
  "generator",
  "experiment",
  "definition",
  "seed",
  "space",
  "params",
  "metrics",
  "inputs",
  "cluster",
] as const;

/** Written after the header fields, and only when the definition declared them. */
const OPTIONAL_FIELDS = ["plots", "results"] as const;

/** The document without its closing hash member, in write order. */
export function* planChunks(plan: Omit<Plan, "hash">): Generator<string> {
  yield "{\n";
  for (const field of HEADER_FIELDS)
    yield `${JSON.stringify(field)}: ${canonicalJson(plan[field])},\n`;
  for (const field of OPTIONAL_FIELDS) {
    if (plan[field] !== undefined)
      yield `${JSON.stringify(field)}: ${canonicalJson(plan[field])},\n`;
  }

  yield '"steps": [\n';
  for (const [i, step] of plan.steps.entries()) {
    yield* stepChunks(step);
    yield i < plan.steps.length - 1 ? ",\n" : "\n";
  }
  yield "],\n";
}

/** The closing member, once the hash of everything before it is known. */
export function hashChunk(hash: string): string {
  return `"hash": ${JSON.stringify(hash)}\n}\n`;
}

/** Trials' text gathered before it is handed on: one piece per trial cost more than hashing it. */
const CHUNK_CHARS = 1 << 16;

export function planHash(plan: Omit<Plan, "hash">): string {
  const hasher = createHash("sha256");
  for (const chunk of planChunks(plan)) hasher.update(chunk);
  return hasher.digest("hex");
}

function* stepChunks(step: PlanStep): Generator<string> {
  const { trials, ...fields } = step;
  const header = canonicalJson({ ...fields, trialCount: trials.count });
  yield `${header.slice(0, -1)},"trials":[\n`;

  const trialJson = trialJsonWriter();
  let index = 0;
  let text = "";
  for (const trial of trials) {
    text += trialJson(trial) + (++index < trials.count ? ",\n" : "\n");
    if (text.length < CHUNK_CHARS) continue;
    yield text;
    text = "";
  }
  yield `${text}]}`;
}
