import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSobol, SOBOL_MAX_DIMENSIONS, sobolPoints } from "../../src/space/index.ts";

const FIXTURES = new URL("../fixtures/sobol/", import.meta.url);

function readFixture(name: string): number[][] {
  return readFileSync(new URL(name, FIXTURES), "utf8")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split(",").map(Number));
}

describe("unscrambled Sobol points", () => {
  it("reproduce scipy's Joe-Kuo reference for the first 1,024 points in 12 dimensions", () => {
    const reference = readFixture("joe-kuo-points-1024x12.csv");
    expect(reference).toHaveLength(1024);

    const points = sobolPoints(1024, 12).map((point) => Array.from(point));
    expect(points).toEqual(reference);
  });

  it("reproduce the reference for points 100,000 onward in 64 dimensions", () => {
    const reference = readFixture("joe-kuo-tail-40x64.csv");
    const points = sobolPoints(40, 64, { skip: 100_000 }).map((point) =>
      Array.from(point),
    );
    expect(points).toEqual(reference);
  });

  it("start at the origin and then visit the centre, as the published sequence does", () => {
    const [origin, second] = sobolPoints(2, 3);
    expect(Array.from(origin!)).toEqual([0, 0, 0]);
    expect(Array.from(second!)).toEqual([0.5, 0.5, 0.5]);
  });

  it("continue where a skip left off exactly as if generated from the start", () => {
    const whole = sobolPoints(300, 5);
    const tail = sobolPoints(100, 5, { skip: 200 });
    expect(tail).toEqual(whole.slice(200));
  });

  it("report how far a stateful generator has gone", () => {
    const sequence = createSobol(2);
    sequence.next();
    sequence.next();
    expect(sequence.position).toBe(2);
    expect(sequence.dimensions).toBe(2);
  });

  it("put exactly one point in each of the 2^k elementary intervals of each axis", () => {
    const points = sobolPoints(256, 21);
    for (let d = 0; d < 21; d++) {
      const cells = new Set(points.map((point) => Math.floor(point[d]! * 256)));
      expect(cells.size).toBe(256);
    }
  });
});

describe("scrambled Sobol points", () => {
  it("depend on the seed, and only on the seed", () => {
    const first = sobolPoints(64, 4, { scramble: true, seed: 7 });
    expect(sobolPoints(64, 4, { scramble: true, seed: 7 })).toEqual(first);
    expect(sobolPoints(64, 4, { scramble: true, seed: 8 })).not.toEqual(first);
  });

  it("keep the one-point-per-interval balance of the unscrambled sequence", () => {
    const points = sobolPoints(512, 10, { scramble: true, seed: 3 });
    for (let d = 0; d < 10; d++) {
      const cells = new Set(points.map((point) => Math.floor(point[d]! * 512)));
      expect(cells.size).toBe(512);
    }
  });

  it("use seed 0 when scrambling without a seed", () => {
    expect(sobolPoints(8, 2, { scramble: true })).toEqual(
      sobolPoints(8, 2, { scramble: true, seed: 0 }),
    );
  });

  it("no longer start at the origin", () => {
    const [first] = sobolPoints(1, 3, { scramble: true, seed: 1 });
    expect(Array.from(first!).some((value) => value !== 0)).toBe(true);
  });
});

describe("the Sobol generator's limits", () => {
  it(`support up to ${SOBOL_MAX_DIMENSIONS} dimensions`, () => {
    const [, second] = sobolPoints(2, SOBOL_MAX_DIMENSIONS);
    expect(second).toHaveLength(SOBOL_MAX_DIMENSIONS);
    expect(() => sobolPoints(1, SOBOL_MAX_DIMENSIONS + 1)).toThrow(
      /1 to 1000 dimensions/,
    );
    expect(() => sobolPoints(1, 0)).toThrow(RangeError);
  });

  it("refuse to run past 2^32 points", () => {
    const sequence = createSobol(1, { skip: 2 ** 32 - 1 });
    sequence.next();
    expect(() => sequence.next()).toThrow(/at most 2\^32 points/);
  });
});
