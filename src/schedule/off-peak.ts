// Off-peak windows: when a shared cluster is quiet enough for heavy work.
// A policy names daily windows for weekdays and for weekend days in the
// cluster's own time zone; a window such as "20:00-07:00" starts on the named
// day and runs past midnight. Windows that touch merge, so a Friday evening
// window and an all-day weekend form one long window. Daylight-saving changes
// are handled by converting each local window edge to an instant with Intl.
import { z } from "zod";
import { UserError } from "../errors.ts";
import {
  addDays, dayOfWeek, isKnownTimeZone, localFields, zonedInstant, type LocalDate,
} from "./zoned-time.ts";

const WINDOW_PATTERN = /^([01]\d|2[0-4]):([0-5]\d)-([0-4]\d):([0-5]\d)$/;

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/**
 * "HH:MM-HH:MM" in local time. An end at or before the start means the next
 * day; so does an end past 24:00, up to 47:59 ("00:00-31:00"), which lets an
 * all-day weekend reach into Monday morning.
 */
export const WindowText = z.string().refine((text) => parseWindow(text) !== undefined, {
  message: 'expected a window like "20:00-07:00" (24-hour HH:MM-HH:MM, start ≠ end, '
    + "ending before 48:00)",
});

const WindowList = z
  .union([WindowText, z.array(WindowText)])
  .transform((value) => (typeof value === "string" ? [value] : value));

export const OffPeakPolicy = z
  .object({
    /** IANA zone of the cluster, e.g. "Europe/Berlin". */
    timeZone: z.string().refine(isKnownTimeZone, {
      message: 'unknown time zone; expected an IANA name such as "Europe/Berlin"',
    }),
    /** Windows that start on Monday to Friday (or the non-weekend days). */
    weekday: WindowList.default([]),
    /** Windows that start on weekend days. */
    weekend: WindowList.default([]),
    /** Which days count as weekend; Saturday and Sunday by default. */
    weekendDays: z.array(z.enum(DAY_NAMES)).default(["sat", "sun"]),
  })
  .strict()
  .refine((policy) => policy.weekday.length + policy.weekend.length > 0, {
    message: "an off-peak policy needs at least one weekday or weekend window",
    path: ["weekday"],
  });
export type OffPeakPolicy = z.output<typeof OffPeakPolicy>;
export type OffPeakPolicyInput = z.input<typeof OffPeakPolicy>;

/** One open stretch of time, as epoch milliseconds [start, end). */
export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

interface MinuteSpan {
  readonly from: number;
  readonly to: number;
}

// "20:00-07:00" → minutes from the start day's midnight: {1200, 1860}.
function parseWindow(text: string): MinuteSpan | undefined {
  const match = WINDOW_PATTERN.exec(text);
  if (!match) return undefined;

  const [hourFrom, minuteFrom, hourTo, minuteTo] = match.slice(1).map(Number) as
    [number, number, number, number];
  const from = hourFrom * 60 + minuteFrom;
  const to = hourTo * 60 + minuteTo;
  if (from >= 1440 || to === from || to >= 2880) return undefined;

  return { from, to: to > from ? to : to + 1440 };
}

/** Validates a policy from a file or flag, naming the field and a fix on error. */
export function parseOffPeakPolicy(value: unknown, file?: string): OffPeakPolicy {
  const result = OffPeakPolicy.safeParse(value);
  if (result.success) return result.data;

  throw new UserError(result.error.issues.map((issue) => ({
    code: "schedule/off-peak-policy",
    message: issue.message,
    ...(file === undefined ? {} : { file }),
    path: ["offPeak", ...issue.path.map((part) => (typeof part === "symbol"
      ? String(part) : part))],
    fix: 'write e.g. { timeZone: "Europe/Berlin", weekday: "20:00-07:00", '
      + 'weekend: "00:00-24:00" }',
  })));
}

// The windows that start on one local day, as instants.
function windowsStartingOn(policy: OffPeakPolicy, date: LocalDate): TimeWindow[] {
  const dayName = DAY_NAMES[dayOfWeek(date)] as (typeof DAY_NAMES)[number];
  const texts = policy.weekendDays.includes(dayName) ? policy.weekend : policy.weekday;

  return texts.map((text) => {
    const span = parseWindow(text) as MinuteSpan;
    const endDate = span.to > 1440 ? addDays(date, 1) : date;
    const endMinute = span.to > 1440 ? span.to - 1440 : span.to;
    return {
      start: new Date(zonedInstant(policy.timeZone, date, span.from)),
      end: new Date(endMinute === 1440
        ? zonedInstant(policy.timeZone, addDays(endDate, 1), 0)
        : zonedInstant(policy.timeZone, endDate, endMinute)),
    };
  });
}

/**
 * Every window overlapping [from - 2 days, from + days], merged where they
 * overlap or touch, in time order.
 */
export function windowsAround(policy: OffPeakPolicy, from: Date, days = 8): TimeWindow[] {
  const today = localFields(policy.timeZone, from.getTime()).date;
  const raw: TimeWindow[] = [];
  for (let offset = -2; offset <= days; offset += 1) {
    raw.push(...windowsStartingOn(policy, addDays(today, offset)));
  }
  raw.sort((a, b) => a.start.getTime() - b.start.getTime());

  const merged: TimeWindow[] = [];
  for (const window of raw) {
    const last = merged.at(-1);
    if (last && window.start.getTime() <= last.end.getTime()) {
      const end = Math.max(last.end.getTime(), window.end.getTime());
      merged[merged.length - 1] = { start: last.start, end: new Date(end) };
    } else {
      merged.push(window);
    }
  }
  return merged;
}

// The merged window open at `now`, if any.
function openWindow(policy: OffPeakPolicy, now: Date): TimeWindow | undefined {
  const t = now.getTime();
  return windowsAround(policy, now).find(
    (window) => window.start.getTime() <= t && t < window.end.getTime(),
  );
}

/** True when `now` falls inside an off-peak window. */
export function isInWindow(policy: OffPeakPolicy, now: Date): boolean {
  return openWindow(policy, now) !== undefined;
}

/**
 * When heavy work may start: `now` itself inside a window, otherwise the start
 * of the next window.
 */
export function nextWindowStart(policy: OffPeakPolicy, now: Date): Date {
  if (isInWindow(policy, now)) return now;
  return nextWindow(policy, now).start;
}

/**
 * When the current window closes; outside a window, when the next one closes.
 * A policy whose windows cover all time has no end within the horizon searched
 * (8 days), and reports the end of that horizon.
 */
export function windowEnd(policy: OffPeakPolicy, now: Date): Date {
  return (openWindow(policy, now) ?? nextWindow(policy, now)).end;
}

// The first window that opens after `now` (a valid policy always has one).
function nextWindow(policy: OffPeakPolicy, now: Date): TimeWindow {
  const t = now.getTime();
  const found = windowsAround(policy, now).find((window) => window.start.getTime() > t);
  /* v8 ignore next */
  if (!found) throw new Error("a validated off-peak policy always has a next window");
  return found;
}

/**
 * The shortest window in the week after `from`, in seconds: the longest trial
 * that can be guaranteed to fit in any window a heavy step is held for.
 */
export function shortestWindowSeconds(policy: OffPeakPolicy, from: Date): number {
  const horizonEnd = from.getTime() + 7 * 86_400_000;
  const lengths = windowsAround(policy, from, 9)
    .filter((window) => window.end.getTime() > from.getTime()
      && window.start.getTime() < horizonEnd)
    .map((window) => (window.end.getTime() - window.start.getTime()) / 1000);
  return Math.min(...lengths);
}
