// plan.json on disk: written by streaming the canonical text (atomically:
// a temporary file, then rename), read back with zod validation and
// migrated forward by schemaVersion.
import { createWriteStream } from "node:fs";
import { readFile, rename, rm } from "node:fs/promises";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { UserError } from "../errors.ts";
import { formatPath } from "../errors.ts";
import { planChunks, hashChunk, planHash } from "./serialize.ts";
import { PlanFileSchemaV1, type PlanFileV1 } from "./schema.ts";
import { arrayTable } from "./trial-table.ts";
import { PLAN_SCHEMA_VERSION, type Plan, type TrialSpec } from "./types.ts";

const WRITE_BATCH = 1 << 16;

/** Writes the full plan, every trial included; returns the plan hash. */
export async function writePlanJson(plan: Plan, file: string): Promise<string> {
  const temporary = `${file}.${process.pid}.tmp`;
  const stream = createWriteStream(temporary);
  const hasher = createHash("sha256");

  try {
    let buffer = "";
    for (const chunk of planChunks(plan)) {
      hasher.update(chunk);
      buffer += chunk;
      if (buffer.length < WRITE_BATCH) continue;
      const accepted = stream.write(buffer);
      buffer = "";
      if (!accepted) await once(stream, "drain");
    }
    const hash = hasher.digest("hex");
    stream.end(buffer + hashChunk(hash));
    await once(stream, "finish");
    await rename(temporary, file);
    return hash;
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The complete plan.json text (small plans, tests, stdout). */
export function planJsonText(plan: Plan): string {
  let text = "";
  for (const chunk of planChunks(plan)) text += chunk;
  return text + hashChunk(plan.hash);
}

/**
 * Migrations from each old schemaVersion to the next. Version 1 is the first
 * format ever written, so there is nothing to migrate yet; a future version
 * adds `1: (v1) => v2` here and a frozen fixture under test/plan/fixtures.
 */
const MIGRATIONS: Readonly<Record<number, (plan: unknown) => unknown>> = {};

export async function readPlanJson(file: string): Promise<Plan> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UserError(
      {
        code: "plan/unreadable",
        file,
        message: `cannot read the plan: ${(error as Error).message}`,
        fix: "pass a plan.json written by `sweepforge plan --out`",
      },
      { cause: error },
    );
  }
  return planFromData(migrate(data, file), file);
}

function migrate(data: unknown, file: string): unknown {
  let version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  let current = data;
  while (typeof version === "number" && version < PLAN_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    /* v8 ignore next -- a gap in the migration chain is a bug caught by fixtures */
    if (!step) break;
    current = step(current);
    version = (current as { schemaVersion: number }).schemaVersion;
  }

  if (version !== PLAN_SCHEMA_VERSION) {
    throw new UserError({
      code: "plan/unsupported-version",
      file,
      path: ["schemaVersion"],
      message: `plan schemaVersion ${String(version)} is not one this sweepforge reads`,
      fix: `recompile the definition with this version (it writes schemaVersion ${PLAN_SCHEMA_VERSION})`,
    });
  }
  return current;
}

function planFromData(data: unknown, file: string): Plan {
  const parsed = PlanFileSchemaV1.safeParse(data);
  if (!parsed.success) {
    throw new UserError(
      parsed.error.issues.slice(0, 20).map((issue) => ({
        code: "plan/invalid",
        file,
        path: issue.path as (string | number)[],
        message: `${issue.message} at ${formatPath(issue.path as (string | number)[])}`,
        fix: "regenerate the plan with `sweepforge plan --out`; do not edit plan.json by hand",
      })),
    );
  }

  const plan = toPlan(parsed.data);
  if (planHash(plan) !== parsed.data.hash) {
    throw new UserError({
      code: "plan/hash-mismatch",
      file,
      path: ["hash"],
      message:
        "the plan's content does not match its recorded hash (it was edited or damaged)",
      fix: "regenerate the plan with `sweepforge plan --out`",
    });
  }
  return plan;
}

function toPlan(file: PlanFileV1): Plan {
  return {
    ...file,
    schemaVersion: PLAN_SCHEMA_VERSION,
    steps: file.steps.map(({ trialCount: _count, trials, ...step }) => ({
      ...step,
      trials: arrayTable(trials as TrialSpec[]),
    })),
  };
}
