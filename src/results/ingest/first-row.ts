// The first data row of a result file, which decides what its columns mean.
import { UserError } from "../../errors.ts";
import { CsvRecordReader, csvValue } from "./csv.ts";
import { resultFormat } from "./result-file.ts";
import { open } from "node:fs/promises";

const PEEK_BYTES = 1 << 16;

export interface FirstRow {
  readonly row: Record<string, unknown>;
  /** The CSV header, which readers of later byte ranges need. */
  readonly header: readonly string[] | null;
}

export async function readFirstRow(file: string): Promise<FirstRow> {
  const handle = await open(file, "r");
  const buffer = Buffer.alloc(PEEK_BYTES);
  const { bytesRead } = await handle.read(buffer, 0, PEEK_BYTES, 0);
  await handle.close();
  const lines = buffer.toString("utf8", 0, bytesRead).split(/\r?\n/).filter(Boolean);

  if (resultFormat(file) === "jsonl") {
    try {
      return { row: JSON.parse(lines[0] ?? "") as Record<string, unknown>, header: null };
    } catch {
      throw new UserError({
        code: "results/bad-json-line", message: "line 1 is not valid JSON", file, path: [1],
        fix: "write one JSON object per line (JSON Lines)",
      });
    }
  }

  const reader = new CsvRecordReader();
  const records: string[][] = [];
  for (const line of lines) {
    const fields = reader.push(line);
    if (fields) records.push(fields);
    if (records.length === 2) break;
  }
  const [header = [], row = []] = records;
  const names = header.map((name) => name.trim());
  const values = names.map((name, i) => [name, csvValue(row[i] ?? "")] as const);
  return { row: Object.fromEntries(values.filter(([, v]) => v !== null)), header: names };
}
