import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import {
  isInWindow,
  nextWindowStart,
  parseOffPeakPolicy,
  shortestWindowSeconds,
  windowEnd,
  windowsAround,
} from "../../src/schedule/off-peak.ts";

const at = (iso: string): Date => new Date(iso);
const hours = (window: { start: Date; end: Date }): number =>
  (window.end.getTime() - window.start.getTime()) / 3_600_000;

describe("off-peak policy parsing", () => {
  it("reads an end past midnight as the next morning", () => {
    const policy = parseOffPeakPolicy({ timeZone: "UTC", weekend: ["00:00-31:00"] });
    // Sunday 2026-12-06 00:00 opens a window that ends Monday 07:00.
    expect(isInWindow(policy, at("2026-12-07T06:59:00Z"))).toBe(true);
    expect(isInWindow(policy, at("2026-12-07T07:00:00Z"))).toBe(false);
  });

  it("accepts a single window string or a list and fills the weekend days", () => {
    const policy = parseOffPeakPolicy({ timeZone: "UTC", weekday: "20:00-07:00" });
    expect(policy.weekday).toEqual(["20:00-07:00"]);
    expect(policy.weekend).toEqual([]);
    expect(policy.weekendDays).toEqual(["sat", "sun"]);
  });

  it("rejects an unknown time zone naming the field and a fix", () => {
    const error = captureUserError(() =>
      parseOffPeakPolicy(
        { timeZone: "Mars/Olympus", weekday: "20:00-07:00" },
        "exp.yaml",
      ),
    );
    expect(error.problems[0]?.path).toEqual(["offPeak", "timeZone"]);
    expect(error.problems[0]?.file).toBe("exp.yaml");
    expect(error.problems[0]?.fix).toContain("Europe/Berlin");
  });

  it("rejects malformed, empty and zero-length windows", () => {
    for (const bad of [
      "8pm-7am",
      "25:00-07:00",
      "07:00-07:00",
      "24:00-02:00",
      "06:00-48:00",
    ]) {
      expect(() => parseOffPeakPolicy({ timeZone: "UTC", weekday: bad })).toThrow(
        UserError,
      );
    }
    const error = captureUserError(() => parseOffPeakPolicy({ timeZone: "UTC" }));
    expect(error.message).toContain("at least one");
  });
});

describe("off-peak windows in UTC", () => {
  const policy = parseOffPeakPolicy({
    timeZone: "UTC",
    weekday: "20:00-07:00",
    weekend: "00:00-31:00",
  });

  it("are open at night on weekdays and closed during the working day", () => {
    // 2026-12-02 is a Wednesday.
    expect(isInWindow(policy, at("2026-12-02T21:00:00Z"))).toBe(true);
    expect(isInWindow(policy, at("2026-12-02T06:59:59Z"))).toBe(true);
    expect(isInWindow(policy, at("2026-12-02T07:00:00Z"))).toBe(false);
    expect(isInWindow(policy, at("2026-12-02T12:00:00Z"))).toBe(false);
  });

  it("start at the next evening when asked during the day, and at once inside one", () => {
    expect(nextWindowStart(policy, at("2026-12-02T12:00:00Z"))).toEqual(
      at("2026-12-02T20:00:00Z"),
    );
    const inside = at("2026-12-02T23:30:00Z");
    expect(nextWindowStart(policy, inside)).toEqual(inside);
  });

  it("merge Friday night with the weekend into one window that ends Monday morning", () => {
    // 2026-12-04 is a Friday.
    expect(windowEnd(policy, at("2026-12-04T22:00:00Z"))).toEqual(
      at("2026-12-07T07:00:00Z"),
    );
    expect(windowEnd(policy, at("2026-12-04T10:00:00Z"))).toEqual(
      at("2026-12-07T07:00:00Z"),
    );
  });

  it("report the shortest window a heavy trial could be held for", () => {
    expect(shortestWindowSeconds(policy, at("2026-12-02T12:00:00Z"))).toBe(11 * 3600);
    const weekendOnly = parseOffPeakPolicy({ timeZone: "UTC", weekend: "00:00-24:00" });
    expect(shortestWindowSeconds(weekendOnly, at("2026-12-02T12:00:00Z"))).toBe(
      48 * 3600,
    );
  });

  it("honour custom weekend days", () => {
    // A Friday/Saturday weekend: Friday is all off-peak, Sunday is a workday.
    const gulf = parseOffPeakPolicy({
      timeZone: "UTC",
      weekday: "22:00-06:00",
      weekend: "00:00-24:00",
      weekendDays: ["fri", "sat"],
    });
    expect(isInWindow(gulf, at("2026-12-04T12:00:00Z"))).toBe(true);
    expect(isInWindow(gulf, at("2026-12-06T12:00:00Z"))).toBe(false);
  });
});

describe("off-peak windows across daylight-saving changes", () => {
  it("are an hour shorter on the Berlin spring-forward night", () => {
    // 2026-03-29: 02:00 CET becomes 03:00 CEST. 22:00 CET = 21:00Z, 06:00 CEST = 04:00Z.
    const policy = parseOffPeakPolicy({
      timeZone: "Europe/Berlin",
      weekend: "22:00-06:00",
    });
    const window = windowsAround(policy, at("2026-03-28T12:00:00Z")).find(
      (w) => w.start.getTime() === at("2026-03-28T21:00:00Z").getTime(),
    );
    expect(window?.end).toEqual(at("2026-03-29T04:00:00Z"));
    expect(hours(window!)).toBe(7);
  });

  it("are an hour longer on the Berlin fall-back night", () => {
    // 2026-10-25: 03:00 CEST becomes 02:00 CET. 22:00 CEST = 20:00Z, 06:00 CET = 05:00Z.
    const policy = parseOffPeakPolicy({
      timeZone: "Europe/Berlin",
      weekend: "22:00-06:00",
    });
    const now = at("2026-10-24T12:00:00Z");
    expect(nextWindowStart(policy, now)).toEqual(at("2026-10-24T20:00:00Z"));
    expect(windowEnd(policy, now)).toEqual(at("2026-10-25T05:00:00Z"));
  });

  it("keep the local start time in summer and winter", () => {
    const policy = parseOffPeakPolicy({
      timeZone: "Europe/Berlin",
      weekday: "20:00-07:00",
    });
    // Wednesday 2026-07-15: 20:00 CEST = 18:00Z. Wednesday 2026-01-14: 20:00 CET = 19:00Z.
    expect(nextWindowStart(policy, at("2026-07-15T10:00:00Z"))).toEqual(
      at("2026-07-15T18:00:00Z"),
    );
    expect(nextWindowStart(policy, at("2026-01-14T10:00:00Z"))).toEqual(
      at("2026-01-14T19:00:00Z"),
    );
  });

  it("move a start inside the New York spring-forward gap past the gap", () => {
    // 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 does not exist and
    // reads as 03:30 EDT = 07:30Z; 05:00 EDT = 09:00Z.
    const policy = parseOffPeakPolicy({
      timeZone: "America/New_York",
      weekend: "02:30-05:00",
    });
    const now = at("2026-03-08T05:00:00Z");
    expect(nextWindowStart(policy, now)).toEqual(at("2026-03-08T07:30:00Z"));
    expect(windowEnd(policy, now)).toEqual(at("2026-03-08T09:00:00Z"));
  });

  it("start at the first of two repeated New York fall-back times", () => {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST. 01:30 first happens at 05:30Z
    // (EDT); 03:00 EST = 08:00Z.
    const policy = parseOffPeakPolicy({
      timeZone: "America/New_York",
      weekend: "01:30-03:00",
    });
    const now = at("2026-11-01T02:00:00Z");
    expect(nextWindowStart(policy, now)).toEqual(at("2026-11-01T05:30:00Z"));
    expect(windowEnd(policy, now)).toEqual(at("2026-11-01T08:00:00Z"));
    expect(isInWindow(policy, at("2026-11-01T06:10:00Z"))).toBe(true);
    expect(isInWindow(policy, at("2026-11-01T08:00:00Z"))).toBe(false);
  });
});

describe("off-peak windows for any instant", () => {
  const zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];
  const instants = fc.date({
    min: at("2025-01-01T00:00:00Z"),
    max: at("2028-12-31T00:00:00Z"),
    noInvalidDate: true,
  });

  it("open at or after now, are open where they start, and close after they open", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instants, (timeZone, now) => {
        const policy = parseOffPeakPolicy({
          timeZone,
          weekday: "20:00-07:00",
          weekend: "09:00-17:00",
        });
        const start = nextWindowStart(policy, now);
        const end = windowEnd(policy, now);

        expect(start.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(isInWindow(policy, start)).toBe(true);
        expect(end.getTime()).toBeGreaterThan(start.getTime());
        expect(isInWindow(policy, new Date(end.getTime() - 1))).toBe(true);
        expect(isInWindow(policy, end)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

function captureUserError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}
