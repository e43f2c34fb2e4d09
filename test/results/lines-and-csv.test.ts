import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvValue, CsvRecordReader, parseCsvRecord } from "../../src/results/ingest/csv.ts";
import { forEachLine, splitRanges } from "../../src/results/ingest/lines.ts";
import { tempDir } from "./helpers/write-run.ts";

async function readAll(file: string, range = {}): Promise<string[]> {
  const lines: string[] = [];
  await forEachLine(file, (line) => lines.push(line), range);
  return lines;
}

describe("reading lines", () => {
  it("returns every non-empty line, with or without a final newline, CRLF or LF", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.txt"), "one\r\ntwo\n\nthree");
    expect(await readAll(join(dir, "a.txt"))).toEqual(["one", "two", "three"]);
  });

  it("splits into byte ranges that together read every line exactly once", async () => {
    const dir = tempDir();
    await fc.assert(fc.asyncProperty(
      fc.array(fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 })
        .filter((s) => !s.includes("\n") && !s.includes("\r")), { minLength: 1, maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 4 }),
      async (lines, cuts) => {
        const file = join(dir, "p.txt");
        const text = `${lines.join("\n")}\n`;
        writeFileSync(file, text);
        const size = Buffer.byteLength(text);
        const points = [...new Set([0, ...cuts.map((c) => c % (size + 1)), size])]
          .sort((a, b) => a - b);
        const read: string[] = [];
        for (let i = 0; i + 1 < points.length; i += 1) {
          read.push(...await readAll(file, { start: points[i], end: points[i + 1] }));
        }
        expect(read).toEqual(lines);
      },
    ), { numRuns: 60 });
  });

  it("reports bytes read as it goes", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "b.txt"), "x\n".repeat(1000));
    let bytes = 0;
    await forEachLine(join(dir, "b.txt"), () => undefined, { onBytes: (b) => { bytes = b; } });
    expect(bytes).toBe(2000);
  });

  it("plans ranges that tile the file", () => {
    const ranges = splitRanges(10 * (1 << 20), 3);
    expect(ranges[0]!.start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(10 * (1 << 20));
    ranges.slice(1).forEach((r, i) => expect(r.start).toBe(ranges[i]!.end));
    expect(splitRanges(100, 4)).toEqual([{ start: 0, end: 100 }]);
  });
});

describe("CSV records", () => {
  it("handles quoted commas, doubled quotes and empty fields", () => {
    expect(parseCsvRecord('a,"b,c","say ""hi""",')).toEqual(["a", "b,c", 'say "hi"', ""]);
  });

  it("joins a quoted field that spans lines", () => {
    const reader = new CsvRecordReader();
    expect(reader.push('1,"two')).toBeNull();
    expect(reader.unterminated).toBe(true);
    expect(reader.push('lines",3')).toEqual(["1", "two\nlines", "3"]);
    expect(reader.unterminated).toBe(false);
  });

  it("types fields: numbers, booleans, empty as missing, the rest as text", () => {
    expect([csvValue("0.5"), csvValue("-3e2"), csvValue("true"), csvValue("false"),
      csvValue(""), csvValue("adam"), csvValue("Infinity"), csvValue("0x1"), csvValue(".5")])
      .toEqual([0.5, -300, true, false, null, "adam", "Infinity", "0x1", 0.5]);
  });
});
