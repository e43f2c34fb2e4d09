// External result files: JSON Lines or CSV, one row per trial or per
// observation, streamed into the aggregate one line at a time.
import { extname } from "node:path";
import { stat } from "node:fs/promises";
import { UserError } from "../../errors.ts";
import type { Aggregate } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import { CsvRecordReader, csvValue } from "./csv.ts";
import { forEachLine, type LineRange } from "./lines.ts";
import { decideRoles, rowParams, type RoleHints, type RowRoles } from "./row-roles.ts";

export type ResultFormat = "jsonl" | "csv";

export interface ResultFileOptions extends RoleHints {
  /** Params of a run's trials by id, for rows that name their trial. */
  readonly trialParams?: ReadonlyMap<string, Params>;
  readonly range?: LineRange;
  /** Column roles decided beforehand (parallel readers share one decision). */
  readonly roles?: RowRoles;
  /** The CSV header, for a byte range that does not start at the top. */
  readonly csvHeader?: readonly string[];
}

export function resultFormat(file: string): ResultFormat {
  const extension = extname(file).toLowerCase();
  if ([".jsonl", ".ndjson", ".json"].includes(extension)) return "jsonl";
  if (extension === ".csv") return "csv";
  throw new UserError({
    code: "results/unknown-format",
    message: `cannot tell the format of a result file ending in "${extension || "(none)"}"`,
    file,
    fix: "name JSON Lines files *.jsonl (or *.ndjson) and CSV files *.csv",
  });
}

export async function assertReadable(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isFile()) return info.size;
  } catch {
    // Reported below with the same message as a directory.
  }
  throw new UserError({
    code: "results/missing-file",
    message: "result file not found",
    file,
    fix: "check the path given to --results",
  });
}

/** Streams one result file into the aggregate; returns the rows read. */
export async function ingestResultFile(
  file: string,
  aggregate: Aggregate,
  options: ResultFileOptions,
): Promise<number> {
  const format = resultFormat(file);
  let roles: RowRoles | null = options.roles ?? null;
  let rows = 0;
  let lineNumber = 0;

  const addRow = (row: Readonly<Record<string, unknown>>): void => {
    roles ??= decideRoles(row, options);
    aggregate.addObservation(paramsOf(row, roles, options), metricsOf(row, roles));
    rows += 1;
  };

  if (format === "jsonl") {
    await forEachLine(file, (line) => {
      lineNumber += 1;
      addRow(parseJsonRow(line, file, lineNumber));
    }, options.range);
    return rows;
  }

  const reader = new CsvRecordReader();
  let header: readonly string[] | null = options.range?.start ? options.csvHeader ?? null : null;
  await forEachLine(file, (line) => {
    lineNumber += 1;
    const fields = reader.push(line);
    if (fields === null) return;
    if (header === null) {
      header = fields.map((name) => name.trim());
      return;
    }
    addRow(csvRow(header, fields, file, lineNumber));
  }, options.range);
  return rows;
}

function paramsOf(
  row: Readonly<Record<string, unknown>>,
  roles: RowRoles,
  options: ResultFileOptions,
): Params {
  const own = rowParams(row, roles);
  if (roles.trialColumn === null || !options.trialParams) return own;
  const trial = options.trialParams.get(String(row[roles.trialColumn]));
  return trial ? { ...trial, ...own } : own;
}

function metricsOf(row: Readonly<Record<string, unknown>>, roles: RowRoles): Record<string, unknown> {
  const metrics: Record<string, unknown> = {};
  for (const name of roles.metrics) metrics[name] = row[name];
  return metrics;
}

function parseJsonRow(line: string, file: string, lineNumber: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new UserError({
      code: "results/bad-json-line",
      message: `line ${lineNumber} is not valid JSON (${(error as Error).message})`,
      file,
      path: [lineNumber],
      fix: "write one JSON object per line (JSON Lines)",
    });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError({
      code: "results/not-an-object",
      message: `line ${lineNumber} is not a JSON object`,
      file,
      path: [lineNumber],
      fix: 'write one object per line, e.g. {"lr": 0.1, "loss": 0.32}',
    });
  }
  return value as Record<string, unknown>;
}

function csvRow(header: readonly string[], fields: readonly string[], file: string,
  lineNumber: number): Record<string, unknown> {
  if (fields.length !== header.length) {
    throw new UserError({
      code: "results/csv-width",
      message: `line ${lineNumber} has ${fields.length} fields, the header has ${header.length}`,
      file,
      path: [lineNumber],
      fix: "give every row as many comma-separated fields as the header",
    });
  }
  const row: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const value = csvValue(fields[i] as string);
    if (value !== null) row[name] = value;
  });
  return row;
}
