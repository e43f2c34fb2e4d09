import { describe, expect, it } from "vitest";
import { Duration, MemorySize } from "../../dsl/index.ts";

describe("Duration", () => {
  it.each([
    ["45s", 45],
    ["10m", 600],
    ["2h", 7200],
    ["1h30m", 5400],
    ["2d", 172_800],
    ["1.5h", 5400],
    ["01:30:00", 5400],
    ["1-00:00:00", 86_400],
    ["05:00", 300],
  ])("reads %s as %i seconds", (text, seconds) => {
    expect(Duration.parse(text).seconds).toBe(seconds);
  });

  it.each(["", "10", "ten minutes", "10x", "0s", "m10"])(
    "rejects %j with an example of valid text",
    (text) => {
      expect(() => Duration.parse(text)).toThrow(/write e\.g\. "90s"/);
    },
  );

  it("prints a duration in the form it parses", () => {
    expect(Duration.parse("1h30m").toString()).toBe("1h30m");
    expect(Duration.parse("90s").toString()).toBe("1m30s");
    expect(Duration.ofSeconds(7200).toString()).toBe("2h");
    expect(Duration.parse(Duration.parse("2h5s").toString()).seconds).toBe(7205);
  });

  it("rounds fractional seconds up and refuses non-positive ones", () => {
    expect(Duration.ofSeconds(1.2).seconds).toBe(2);
    expect(() => Duration.ofSeconds(0)).toThrow(RangeError);
    expect(() => Duration.ofSeconds(Number.NaN)).toThrow(RangeError);
  });
});

describe("MemorySize", () => {
  it.each([
    ["512MiB", 512],
    ["2GiB", 2048],
    ["1.5G", 1536],
    ["1TiB", 1_048_576],
    ["2048KiB", 2],
    ["1000MB", 954],
    ["1GB", 954],
  ])("reads %s as %i MiB", (text, mebibytes) => {
    expect(MemorySize.parse(text).mebibytes).toBe(mebibytes);
  });

  it.each(["2", "two GiB", "0GiB", "2PB", "-1GiB"])("rejects %j", (text) => {
    expect(() => MemorySize.parse(text)).toThrow(/not a memory size/);
  });

  it("prints whole gibibytes as GiB and the rest as MiB", () => {
    expect(MemorySize.parse("2GiB").toString()).toBe("2GiB");
    expect(MemorySize.ofMebibytes(1500).toString()).toBe("1500MiB");
    expect(() => MemorySize.ofMebibytes(-1)).toThrow(RangeError);
  });
});
