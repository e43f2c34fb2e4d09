// Which columns of a result row are parameters, which are metrics and which
// only identify the row. Decided once per file from its first row and what the
// run directories and flags say, then applied to every row without lookups.
import type { ParamValue } from "../../plan/types.ts";

/** Columns that identify a row rather than describe or measure it. */
export const ID_COLUMNS: readonly string[] = [
  "trialId", "trial_id", "trial", "seed", "replicate", "run", "runId", "run_id",
];

export interface RowRoles {
  readonly params: readonly string[];
  readonly metrics: readonly string[];
  /** Column naming the trial, when rows refer back to a run's trials. */
  readonly trialColumn: string | null;
}

export interface RoleHints {
  /** Parameter names declared by the runs' plans. */
  readonly knownParams: readonly string[];
  /** --by: these are parameters whatever their type. */
  readonly by: readonly string[] | null;
  /** --metric: only these are metrics. */
  readonly metrics: readonly string[] | null;
}

export function decideRoles(
  first: Readonly<Record<string, unknown>>,
  hints: RoleHints,
): RowRoles {
  const columns = Object.keys(first);
  const trialColumn = ["trialId", "trial_id", "trial"].find((c) => columns.includes(c)) ?? null;
  const declared = new Set([...hints.knownParams, ...(hints.by ?? [])]);

  const params = columns.filter((column) => {
    if (ID_COLUMNS.includes(column)) return false;
    if (declared.size > 0) return declared.has(column);
    return typeof first[column] !== "number";
  });
  const metrics = hints.metrics
    ? columns.filter((column) => hints.metrics!.includes(column))
    : columns.filter((column) =>
      !ID_COLUMNS.includes(column) && !params.includes(column)
      && typeof first[column] === "number");

  return { params, metrics, trialColumn };
}

/** Picks the parameter values of a row, skipping missing or non-scalar ones. */
export function rowParams(
  row: Readonly<Record<string, unknown>>,
  roles: RowRoles,
): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const name of roles.params) {
    const value = row[name];
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
      params[name] = value;
    }
  }
  return params;
}
