import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Aggregate } from "../../src/results/aggregate.ts";
import { forEachLineBytes } from "../../src/results/ingest/byte-lines.ts";
import { scanNumber, scannedNumber } from "../../src/results/ingest/byte-number.ts";
import { ByteRowSink } from "../../src/results/ingest/byte-row-sink.ts";
import { RowSink } from "../../src/results/ingest/row-sink.ts";
import type { RowRoles } from "../../src/results/ingest/row-roles.ts";
import type { Params } from "../../src/results/group-key.ts";
import { tempDir } from "./helpers/write-run.ts";

/** The value scanNumber reads from the whole of `text`, or null when it refuses it. */
function readNumber(text: string): number | null {
  const bytes = Buffer.from(`[${text}]`);
  const after = scanNumber(bytes, 1, bytes.length - 1, true);
  return after === bytes.length - 1 ? scannedNumber.value : null;
}

describe("reading JSON numbers from bytes", () => {
  it("gives exactly the double JSON.parse gives for every number JavaScript prints", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const text = JSON.stringify(x);
      expect(Object.is(readNumber(text), JSON.parse(text))).toBe(true);
    }), { numRuns: 3000 });
  });

  it("rounds long decimal mantissas with exponents exactly as JSON.parse does", () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }),
      { minLength: 1, maxLength: 24 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), digits, fc.integer({ min: -40,
      max: 40 }), fc.boolean(), (lead, rest, exponent, negative) => {
      const mantissa = `${lead}${rest.join("")}`;
      const split = Math.min(rest.length, 3);
      const text = `${negative ? "-" : ""}${mantissa.slice(0, split + 1)}.`
        + `${mantissa.slice(split + 1) || "0"}e${exponent}`;
      expect(Object.is(readNumber(text), JSON.parse(text))).toBe(true);
    }), { numRuns: 3000 });
  });

  it("decides halfway cases and edge values the way JSON.parse does", () => {
    for (const text of ["9007199254740993", "9007199254740995", "-0", "0.0", "0e5",
      "1e400", "-1e400", "5e-324", "123456789012345678901234", "0.1",
      "1.7976931348623157e308", "2.2250738585072014e-308", "1E+2", "1e-2"]) {
      expect(Object.is(readNumber(text), JSON.parse(text))).toBe(true);
    }
  });

  it("refuses what is not a JSON number, so the row goes to JSON.parse", () => {
    for (const text of ["-", "1.", ".5", "1e", "1e+", "+1", "01", "-a", "1.e3"]) {
      expect(readNumber(text)).toBeNull();
    }
  });
});

async function readLines(file: string, range = {}): Promise<string[]> {
  const lines: string[] = [];
  await forEachLineBytes(file, (bytes, start, end) =>
    lines.push(bytes.toString("utf8", start, end)), range);
  return lines;
}

describe("reading lines as bytes", () => {
  it("returns every non-empty line, with or without a final newline, CRLF or LF", async () => {
    const file = join(tempDir(), "a.jsonl");
    writeFileSync(file, "one\r\ntwo\n\nthree");
    expect(await readLines(file)).toEqual(["one", "two", "three"]);
  });

  it("reads a line longer than its buffer whole", async () => {
    const file = join(tempDir(), "long.jsonl");
    const long = "x".repeat(3 * (1 << 20) + 17);
    writeFileSync(file, `a\n${long}\nb\n`);
    expect((await readLines(file)).map((line) => line.length)).toEqual([1, long.length, 1]);
  });

  it("splits into byte ranges that together read every line exactly once", async () => {
    const dir = tempDir();
    await fc.assert(fc.asyncProperty(
      fc.array(fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 })
        .filter((s) => !/[\r\n]/.test(s)), { minLength: 1, maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 4 }),
      fc.boolean(),
      async (lines, cuts, finalNewline) => {
        const file = join(dir, "p.jsonl");
        const text = lines.join("\n") + (finalNewline ? "\n" : "");
        writeFileSync(file, text);
        const size = Buffer.byteLength(text);
        const points = [...new Set([0, ...cuts.map((c) => c % (size + 1)), size])]
          .sort((a, b) => a - b);
        const read: string[] = [];
        for (let i = 0; i + 1 < points.length; i += 1) {
          read.push(...await readLines(file, { start: points[i], end: points[i + 1] }));
        }
        expect(read).toEqual(lines);
      },
    ), { numRuns: 60 });
  });
});

const ROLES: RowRoles = { params: ["lr", "opt"], metrics: ["loss", "acc"], trialColumn: "trial" };
const TRIALS = new Map<string, Params>([["t1", { depth: 3 }], ["7", { depth: 5 }]]);

/** Aggregates rows through the byte fast path and through JSON.parse + RowSink. */
function bothWays(lines: readonly string[]) {
  const fast = new Aggregate({ by: null, metrics: null, seed: 3 });
  const byteSink = new ByteRowSink(fast, new RowSink(fast, ROLES, TRIALS), TRIALS);
  const slow = new Aggregate({ by: null, metrics: null, seed: 3 });
  const rowSink = new RowSink(slow, ROLES, TRIALS);
  for (const line of lines) {
    const bytes = Buffer.from(` ${line} `);
    expect(byteSink.addBytes(bytes, 1, bytes.length - 1)).toBe(true);
    rowSink.addRow(JSON.parse(line) as Record<string, unknown>);
  }
  return { fast: fast.snapshot(), slow: slow.snapshot() };
}

describe("the byte fast path for JSON Lines rows", () => {
  const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.1, 0.01, 1e-7, 100));
  const scalar = fc.oneof(number, fc.boolean(), fc.constant(null),
    fc.constantFrom("adam", "sgd", "t1", "7", 'say "hi"', "tab\there", "é"),
    fc.string({ maxLength: 4 }));
  const value = fc.oneof({ weight: 6, arbitrary: scalar },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 2 }), scalar) },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) });
  const key = fc.constantFrom("lr", "opt", "loss", "acc", "trial", "seed", "other", "lr\n");
  const row = fc.dictionary(key, value);
  const spaced = (text: string, spaces: boolean) =>
    spaces ? text.replace(/([,:{])/g, "$1 ").replace(/}$/, " }") : text;

  it("gives the same aggregates as JSON.parse on random rows, escapes and nesting included",
    () => {
      fc.assert(fc.property(fc.array(fc.tuple(row, fc.boolean()), { maxLength: 30 }),
        (rows) => {
          const { fast, slow } = bothWays(rows.map(([r, s]) => spaced(JSON.stringify(r), s)));
          expect(fast).toEqual(slow);
        }), { numRuns: 400 });
    });

  it("groups differently spelled equal parameter values into one configuration", () => {
    const { fast } = bothWays(['{"lr":0.1,"loss":1}', '{"lr":1e-1,"loss":3}',
      '{"lr":0.10,"loss":5}']);
    expect(fast).toHaveLength(1);
    expect(fast[0]?.metrics.loss?.moments.mean).toBe(3);
  });

  it("joins rows that name a known trial to that trial's parameters", () => {
    const { fast } = bothWays(['{"trial":"t1","loss":1}', '{"trial":7,"loss":2}',
      '{"trial":"t9","loss":4}']);
    expect(fast.map((group) => group.params)).toEqual([{}, { depth: 3 }, { depth: 5 }]);
  });

  it("says so when a valid JSON line is not an object, and throws on invalid JSON", () => {
    const aggregate = new Aggregate({ by: null, metrics: null, seed: 1 });
    const sink = new ByteRowSink(aggregate, new RowSink(aggregate, ROLES));
    const bytes = (text: string) => Buffer.from(text);
    expect(sink.addBytes(bytes("[1,2]"), 0, 5)).toBe(false);
    expect(sink.addBytes(bytes("3"), 0, 1)).toBe(false);
    expect(() => sink.addBytes(bytes('{"lr":01}'), 0, 9)).toThrow(SyntaxError);
    expect(() => sink.addBytes(bytes('{"lr":tru}'), 0, 10)).toThrow(SyntaxError);
    expect(aggregate.size).toBe(0);
  });
});
