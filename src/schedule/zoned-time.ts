// Wall-clock arithmetic in an IANA time zone using only Intl: the offset of a
// zone at an instant, and the instant a local date and time refers to, with
// daylight-saving gaps and repeats resolved by one documented rule.

/** A calendar day as the zone sees it; month is 1-12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// One formatter per zone: building them is the slow part of every conversion.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone name (e.g. "Europe/Berlin", "UTC"). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's local calendar fields at an instant. */
export function localFields(timeZone: string, instantMs: number): {
  readonly date: LocalDate;
  readonly minuteOfDay: number;
  readonly second: number;
} {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value);

  return {
    date: { year: field("year"), month: field("month"), day: field("day") },
    minuteOfDay: field("hour") * 60 + field("minute"),
    second: field("second"),
  };
}

/** Minutes the zone is ahead of UTC at an instant (Berlin in winter: 60). */
export function offsetMinutes(timeZone: string, instantMs: number): number {
  const { date, minuteOfDay, second } = localFields(timeZone, instantMs);
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay, second);
  const wholeSecondInstant = Math.floor(instantMs / 1000) * 1000;
  return Math.round((asUtc - wholeSecondInstant) / 60_000);
}

/**
 * The instant of a local wall-clock time. A time skipped by a spring-forward
 * gap is read with the offset in force before the gap, so it lands as far past
 * the gap as it was into it (02:30 on a 02:00→03:00 night is 03:30); a time
 * that occurs twice in a fall-back repeat maps to its first occurrence.
 */
export function zonedInstant(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);

  // The answer is wallAsUtc minus the offset in force then; try the offsets
  // in force a day either side, which covers every real transition.
  const candidates = [-1, 1]
    .map((days) => offsetMinutes(timeZone, wallAsUtc + days * 86_400_000))
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((instant) => offsetMinutes(timeZone, instant) * 60_000 === wallAsUtc - instant);

  if (candidates.length > 0) return Math.min(...candidates);

  // In a gap no instant shows this wall time: read it with the old offset.
  const before = offsetMinutes(timeZone, wallAsUtc - 86_400_000);
  return wallAsUtc - before * 60_000;
}

/** The local day `days` after `date` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** 0 = Sunday … 6 = Saturday, as in Date#getUTCDay. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}
