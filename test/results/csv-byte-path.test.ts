import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Aggregate } from "../../src/results/aggregate.ts";
import { CsvRecordReader, csvValue } from "../../src/results/ingest/csv.ts";
import { ingestResultFile } from "../../src/results/ingest/result-file.ts";
import { decideRoles, type RoleHints } from "../../src/results/ingest/row-roles.ts";
import { RowSink } from "../../src/results/ingest/row-sink.ts";
import type { Params } from "../../src/results/group-key.ts";
import { tempDir } from "./helpers/write-run.ts";

const TRIALS = new Map<string, Params>([
  ["t1", { depth: 3 }],
  ["7", { depth: 5 }],
]);
const HINTS: RoleHints = { knownParams: [], by: ["lr", "opt"], metrics: null };

// The general reader on its own: whole records by CsvRecordReader, values by
// csvValue, rows by RowSink. The file reader must agree with it whichever
// lines it takes through its byte fast path.
function throughGeneralReader(text: string): ReturnType<Aggregate["snapshot"]> {
  const aggregate = new Aggregate({ by: null, metrics: null, seed: 5 });
  const reader = new CsvRecordReader();
  let header: string[] | null = null;
  let sink: RowSink | null = null;
  for (const line of text.split("\n").map((l) => l.replace(/\r$/, ""))) {
    if (line === "") continue;
    const fields = reader.push(line);
    if (fields === null) continue;
    if (header === null) {
      header = fields.map((name) => name.trim());
      continue;
    }
    const row: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const value = csvValue(fields[i] as string);
      if (value !== null) row[name] = value;
    });
    sink ??= new RowSink(aggregate, decideRoles(row, HINTS), TRIALS);
    sink.addRow(row);
  }
  return aggregate.snapshot();
}

async function throughFileReader(text: string) {
  const file = join(tempDir(), "results.csv");
  writeFileSync(file, text);
  const aggregate = new Aggregate({ by: null, metrics: null, seed: 5 });
  const rows = await ingestResultFile(file, aggregate, { ...HINTS, trialParams: TRIALS });
  return { rows, snapshot: aggregate.snapshot() };
}

const field = fc.oneof(
  fc.constantFrom("0.1", "1e-1", "0.10", "+2", ".5", "5.", " 3 ", "007", "-0", "1E3"),
  fc.constantFrom("", "true", "false", "adam", "sgd", "t1", "7", "é", "Infinity"),
  fc.constantFrom('"a,b"', '"say ""hi"""', '"3"', '"two\nlines"', '""'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -3, max: 3 }).map(String),
);
const header = fc.uniqueArray(
  fc.constantFrom("lr", "opt", "loss", "acc", "trial", "seed", "other"),
  { minLength: 1, maxLength: 7 },
);

describe("the byte fast path for CSV rows", () => {
  it("matches the general reader on random tables, quotes included", async () => {
    await fc.assert(
      fc.asyncProperty(
        header.chain((names) =>
          fc.tuple(
            fc.constant(names),
            fc.array(
              fc.array(field, { minLength: names.length, maxLength: names.length }),
              {
                maxLength: 25,
              },
            ),
            fc.boolean(),
          ),
        ),
        async ([names, rows, crlf]) => {
          const newline = crlf ? "\r\n" : "\n";
          const text = [names.join(","), ...rows.map((r) => r.join(","))].join(newline);

          const { snapshot } = await throughFileReader(`${text}${newline}`);

          expect(snapshot).toEqual(throughGeneralReader(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads plain rows after a quoted field that spans lines", async () => {
    const text = ["opt,loss", "sgd,1", '"multi', 'line",2', "sgd,3", "adam,4", ""].join(
      "\n",
    );

    const { rows, snapshot } = await throughFileReader(text);

    expect(rows).toBe(4);
    const byOpt = Object.fromEntries(snapshot.map((g) => [g.params.opt, g.observations]));
    expect(byOpt).toEqual({ sgd: 2, "multi\nline": 1, adam: 1 });
  });

  it("joins rows that name a known trial to that trial's parameters", async () => {
    const text = ["trial,loss", "t1,1", "7,2", "t9,4", "007,8", ""].join("\n");

    const { snapshot } = await throughFileReader(text);

    // "007" is the number 7 to csvValue, so it names trial 7 as well.
    const byDepth = snapshot.map((g) => [g.params.depth ?? null, g.observations]);
    expect(byDepth).toEqual([
      [null, 1],
      [3, 1],
      [5, 2],
    ]);
  });
});
