// Durations and memory sizes as small validating value types, so "10m" and
// "2GiB" are checked where they are written and reach the Plan as numbers.

const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
};

const MEMORY_UNITS: Readonly<Record<string, number>> = {
  KiB: 1 / 1024,
  MiB: 1,
  GiB: 1024,
  TiB: 1024 * 1024,
  KB: 1000 / 1024 / 1024,
  MB: 1_000_000 / 1024 / 1024,
  GB: 1e9 / 1024 / 1024,
  TB: 1e12 / 1024 / 1024,
  K: 1 / 1024,
  M: 1,
  G: 1024,
  T: 1024 * 1024,
};

/** A duration written like "90s", "10m", "1h30m", "2d" or "01:30:00". */
export type DurationText = string;

/** A memory size written like "512MiB", "2GiB", "1.5G" or "4000MB". */
export type MemoryText = string;

export class Duration {
  private constructor(readonly seconds: number) {}

  /** Parses "1h30m", "10m", "45s", "2d", "HH:MM:SS"; throws RangeError otherwise. */
  static parse(text: DurationText): Duration {
    const seconds = parseDurationSeconds(text.trim());
    if (seconds === undefined || seconds <= 0) {
      throw new RangeError(
        `"${text}" is not a duration; write e.g. "90s", "10m", "1h30m", "2d" or "01:30:00"`,
      );
    }
    return new Duration(seconds);
  }

  static ofSeconds(seconds: number): Duration {
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new RangeError(
        `a duration must be a positive number of seconds, got ${seconds}`,
      );
    }
    return new Duration(Math.ceil(seconds));
  }

  /** "1h30m0s"-style text, the inverse of parse. */
  toString(): string {
    const h = Math.floor(this.seconds / 3600);
    const m = Math.floor((this.seconds % 3600) / 60);
    const s = this.seconds % 60;
    return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s || (!h && !m) ? `${s}s` : ""}`;
  }
}

export class MemorySize {
  private constructor(readonly mebibytes: number) {}

  /** Parses "512MiB", "2GiB", "1.5G", "4000MB"; throws RangeError otherwise. */
  static parse(text: MemoryText): MemorySize {
    const match = /^(\d+(?:\.\d+)?)\s*([KMGT]i?B|[KMGT])$/.exec(text.trim());
    const factor = match ? MEMORY_UNITS[match[2] as string] : undefined;
    if (!match || factor === undefined || Number(match[1]) <= 0) {
      throw new RangeError(
        `"${text}" is not a memory size; write e.g. "512MiB", "2GiB" or "1.5G"`,
      );
    }
    return new MemorySize(Math.ceil(Number(match[1]) * factor));
  }

  static ofMebibytes(mebibytes: number): MemorySize {
    if (!Number.isFinite(mebibytes) || mebibytes <= 0) {
      throw new RangeError(
        `a memory size must be a positive number of MiB, got ${mebibytes}`,
      );
    }
    return new MemorySize(Math.ceil(mebibytes));
  }

  toString(): string {
    return this.mebibytes % 1024 === 0
      ? `${this.mebibytes / 1024}GiB`
      : `${this.mebibytes}MiB`;
  }
}

// Accepts unit-suffixed parts in descending order, or a colon clock form.
function parseDurationSeconds(text: string): number | undefined {
  const clock = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+)$/.exec(text);
  if (clock) {
    const [, days, hours, minutes, seconds] = clock;
    return (
      Number(days ?? 0) * 86_400 +
      Number(hours ?? 0) * 3600 +
      Number(minutes) * 60 +
      Number(seconds)
    );
  }

  const parts =
    /^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(
      text,
    );
  if (!parts || text === "") return undefined;

  const [, d, h, m, s] = parts;
  const total =
    Number(d ?? 0) * (DURATION_UNITS.d as number) +
    Number(h ?? 0) * (DURATION_UNITS.h as number) +
    Number(m ?? 0) * (DURATION_UNITS.m as number) +
    Number(s ?? 0);
  return Math.ceil(total);
}
