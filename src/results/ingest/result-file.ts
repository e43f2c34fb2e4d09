// External result files: JSON Lines or CSV, one row per trial or per
// observation, streamed into the aggregate one line at a time.
import { extname } from "node:path";
import { stat } from "node:fs/promises";
import { UserError } from "../../errors.ts";
import type { Aggregate } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import { CsvRecordReader, csvValue } from "./csv.ts";
import { forEachLineBytes } from "./byte-lines.ts";
import { ByteCsvRowSink } from "./byte-csv-row-sink.ts";
import { ByteRowSink } from "./byte-row-sink.ts";
import type { LineRange } from "./lines.ts";
import { RowSink } from "./row-sink.ts";
import { decideRoles, ID_COLUMNS, type RoleHints, type RowRoles } from "./row-roles.ts";

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
  const general = new GeneralRows(aggregate, options);
  const fastRows =
    resultFormat(file) === "jsonl"
      ? await readJsonLines(file, aggregate, options, general)
      : await readCsv(file, aggregate, options, general);
  return fastRows + general.rows;
}

// The general row reader, for rows parsed to objects: it is created by the
// first row, which decides what the columns mean (unless decided beforehand),
// and the byte fast paths take their roles from it.
class GeneralRows {
  private sink: RowSink | null;

  constructor(
    private readonly aggregate: Aggregate,
    private readonly options: ResultFileOptions,
  ) {
    this.sink = options.roles
      ? new RowSink(aggregate, options.roles, options.trialParams)
      : null;
  }

  sinkFor(row: Readonly<Record<string, unknown>>): RowSink {
    if (this.sink) return this.sink;
    const roles = decideRoles(row, this.options);
    noteLeftOutMetrics(row, roles, this.aggregate);
    this.sink = new RowSink(this.aggregate, roles, this.options.trialParams);
    return this.sink;
  }

  get rows(): number {
    return this.sink?.rows ?? 0;
  }
}

// Every line goes through the byte fast path, which hands rows it cannot
// scan to JSON.parse itself; returns the rows it read.
async function readJsonLines(
  file: string,
  aggregate: Aggregate,
  options: ResultFileOptions,
  general: GeneralRows,
): Promise<number> {
  const where = options.range?.start ? ` (counted from byte ${options.range.start})` : "";
  let fast: ByteRowSink | null = null;
  let lineNumber = 0;

  await forEachLineBytes(
    file,
    (bytes, start, end) => {
      lineNumber += 1;
      try {
        if (fast === null) {
          const line = bytes.toString("utf8", start, end);
          const first = parseJsonRow(line, file, lineNumber);
          fast = new ByteRowSink(aggregate, general.sinkFor(first), options.trialParams);
        }
        if (!fast.addBytes(bytes, start, end)) throw new SyntaxError("not an object");
      } catch (error) {
        if (error instanceof UserError) throw error;
        const line = bytes.toString("utf8", start, end);
        throw badLine(file, lineNumber, where, line, error);
      }
    },
    options.range,
  );
  return fast === null ? 0 : (fast as ByteRowSink).rows;
}

// Plain lines take the byte fast path once the first row has decided the
// roles; the header, quoted fields (which may span lines) and lines of the
// wrong width go through the general reader. Returns the fast path's rows.
async function readCsv(
  file: string,
  aggregate: Aggregate,
  options: ResultFileOptions,
  general: GeneralRows,
): Promise<number> {
  const reader = new CsvRecordReader();
  let header = options.range?.start ? (options.csvHeader ?? null) : null;
  let fast: ByteCsvRowSink | null = null;
  let lineNumber = 0;

  await forEachLineBytes(
    file,
    (bytes, start, end) => {
      lineNumber += 1;
      if (fast !== null && !reader.unterminated && fast.addBytes(bytes, start, end)) {
        return;
      }
      const fields = reader.push(bytes.toString("utf8", start, end));
      if (fields === null) return;
      if (header === null) {
        header = fields.map((name) => name.trim());
        return;
      }
      const row = csvRow(header, fields, file, lineNumber);
      const sink = general.sinkFor(row);
      sink.addRow(row);
      fast ??= new ByteCsvRowSink(aggregate, sink.roles, header, options.trialParams);
    },
    options.range,
  );
  return fast === null ? 0 : (fast as ByteCsvRowSink).rows;
}

// Numeric columns a --metric filter left out are still valid names to suggest.
function noteLeftOutMetrics(
  row: Readonly<Record<string, unknown>>,
  roles: RowRoles,
  aggregate: Aggregate,
): void {
  for (const [name, value] of Object.entries(row)) {
    if (
      typeof value === "number" &&
      !roles.metrics.includes(name) &&
      !roles.params.includes(name) &&
      !ID_COLUMNS.includes(name)
    ) {
      aggregate.filteredOut.add(name);
    }
  }
}

function badLine(
  file: string,
  lineNumber: number,
  where: string,
  line: string,
  error: unknown,
): UserError {
  const isObject = error instanceof SyntaxError && error.message === "not an object";
  return new UserError({
    code: isObject ? "results/not-an-object" : "results/bad-json-line",
    message: isObject
      ? `line ${lineNumber}${where} is not a JSON object`
      : `line ${lineNumber}${where} is not valid JSON (${(error as Error).message}): ` +
        `${line.slice(0, 80)}`,
    file,
    path: [lineNumber],
    fix: isObject
      ? 'write one object per line, e.g. {"lr": 0.1, "loss": 0.32}'
      : "write one JSON object per line (JSON Lines)",
  });
}

function parseJsonRow(
  line: string,
  file: string,
  lineNumber: number,
): Record<string, unknown> {
  const value: unknown = JSON.parse(line);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badLine(file, lineNumber, "", line, new SyntaxError("not an object"));
  }
  return value as Record<string, unknown>;
}

function csvRow(
  header: readonly string[],
  fields: readonly string[],
  file: string,
  lineNumber: number,
): Record<string, unknown> {
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
