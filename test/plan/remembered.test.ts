// Table writers remember encodings by value; what they give back must be what
// encoding the value afresh gives, however many distinct values went by.
import { describe, expect, it } from "vitest";
import { remembered, rememberedLast } from "../../src/plan/remembered.ts";

describe("remembered encodings", () => {
  it("encode each value once while it is remembered", () => {
    const calls: number[] = [];
    const square = remembered((n: number) => {
      calls.push(n);
      return n * n;
    });

    expect([3, 3, 4, 3].map(square)).toEqual([9, 9, 16, 9]);
    expect(calls).toEqual([3, 4]);
  });

  it("start over after many distinct values and still answer correctly", () => {
    const calls: number[] = [];
    const label = remembered((n: number) => {
      calls.push(n);
      return `#${n}`;
    });

    for (let n = 0; n < 5000; n++) expect(label(n)).toBe(`#${n}`);
    expect(label(0)).toBe("#0");
    expect(label(4999)).toBe("#4999");

    // 0 was forgotten when the memory started over at 4096; 4999 was not.
    expect(calls.filter((n) => n === 0)).toHaveLength(2);
    expect(calls.filter((n) => n === 4999)).toHaveLength(1);
  });

  it("remember only the last object when asked to, by identity", () => {
    const seen: object[] = [];
    const keys = rememberedLast((value: { readonly cpus: number }) => {
      seen.push(value);
      return `cpus=${value.cpus}`;
    });
    const shared = { cpus: 1 };
    const equalCopy = { cpus: 1 };

    expect([shared, shared, equalCopy, shared].map(keys)).toEqual([
      "cpus=1",
      "cpus=1",
      "cpus=1",
      "cpus=1",
    ]);
    expect(seen).toEqual([shared, equalCopy, shared]);
    expect(seen[1]).toBe(equalCopy);
  });
});
