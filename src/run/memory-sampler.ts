// Peak memory of the local runner's trials, sampled from /proc by the runner
// itself. The standalone wrapper forks a sampler loop per trial; here one timer
// in the runner serves every worker, so a trivial trial costs no fork at all.
import { appendFileSync, readFileSync, readdirSync } from "node:fs";

/** Delay before a trial's first sample, then doubled up to the ceiling. */
const FIRST_GAP_MS = 50;
const MAX_GAP_MS = 2000;

export interface SampledTrial {
  /** The trial's own process (the worker's "S <pid>" answer). */
  readonly root: number;
  /** The process group the trial runs in: its worker's. */
  readonly group: number;
  /** The worker shell: in the group, never part of the trial. */
  readonly leader: number;
  /** Each new maximum (KiB) is appended here, so a resumed run finds it. */
  readonly file: string;
}

interface Tracked {
  readonly trial: SampledTrial;
  dueAt: number;
  gap: number;
  peak: number | null;
}

interface ProcessEntry {
  readonly parent: number;
  readonly group: number;
}

export class MemorySampler {
  private readonly tracked = new Map<SampledTrial, Tracked>();
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Infinity;
  private readonly available: boolean;

  constructor(private readonly procRoot = "/proc") {
    this.available = readable(`${procRoot}/self/stat`);
  }

  /** Starts sampling a trial; its first sample is 50 ms from now. */
  track(trial: SampledTrial): void {
    if (!this.available) return;

    const dueAt = Date.now() + FIRST_GAP_MS;
    this.tracked.set(trial, { trial, dueAt, gap: FIRST_GAP_MS, peak: null });
    // Trials start in time order: an armed timer is usually due no later.
    if (this.timerDueAt > dueAt) this.arm();
  }

  /** Stops sampling a trial; returns its largest sample in KiB, or null if never sampled. */
  release(trial: SampledTrial): number | null {
    const entry = this.tracked.get(trial);
    this.tracked.delete(trial);
    if (this.tracked.size === 0) this.disarm();
    return entry?.peak ?? null;
  }

  /** Ends every timer (the run is over). */
  close(): void {
    this.tracked.clear();
    this.disarm();
  }

  private arm(): void {
    if (this.tracked.size === 0) return;

    let next = Infinity;
    for (const entry of this.tracked.values()) next = Math.min(next, entry.dueAt);
    this.disarm();
    this.timerDueAt = next;
    this.timer = setTimeout(() => this.sampleDue(), Math.max(1, next - Date.now()));
    // A pending sample must not keep a finished run's process alive.
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = Infinity;
  }

  /** One scan of /proc serves every trial that is due. */
  private sampleDue(): void {
    this.timer = undefined;
    this.timerDueAt = Infinity;
    const now = Date.now();
    const due = [...this.tracked.values()].filter((entry) => entry.dueAt <= now);
    const table = due.length > 0 ? readProcessTable(this.procRoot) : new Map();

    for (const entry of due) {
      const kib = this.treePeak(table, entry.trial);
      if (kib !== null && kib > (entry.peak ?? 0)) {
        entry.peak = kib;
        appendPeak(entry.trial.file, kib);
      }
      entry.gap = Math.min(MAX_GAP_MS, entry.gap * 2);
      entry.dueAt = now + entry.gap;
    }
    this.arm();
  }

  /**
   * Sums the peak resident set (VmHWM) of the trial's live processes: its
   * descendants, plus members of its group other than the worker, whose
   * parent may have exited. Null when the trial has no live process.
   */
  private treePeak(
    table: ReadonlyMap<number, ProcessEntry>,
    trial: SampledTrial,
  ): number | null {
    const inTrial = (pid: number): boolean => {
      for (let p = pid; table.has(p); p = table.get(p)?.parent ?? 0) {
        if (p === trial.root) return true;
        if (p === trial.leader) return false;
        if (table.get(p)?.group === trial.group) return true;
      }
      return false;
    };

    let total = 0;
    let found = false;
    for (const pid of table.keys()) {
      if (!inTrial(pid)) continue;
      const kib = residentPeakKiB(this.procRoot, pid);
      if (kib === null) continue;
      total += kib;
      found = true;
    }
    return found ? total : null;
  }
}

function readable(file: string): boolean {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Parent and process group of every live process (zombies hold no memory). */
function readProcessTable(procRoot: string): Map<number, ProcessEntry> {
  const table = new Map<number, ProcessEntry>();
  for (const name of readdirSync(procRoot)) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const entry = readStat(`${procRoot}/${name}/stat`);
    if (entry) table.set(pid, entry);
  }
  return table;
}

/** Fields after the command name, which may itself hold spaces and parentheses. */
function readStat(file: string): ProcessEntry | undefined {
  let line: string;
  try {
    line = readFileSync(file, "latin1");
  } catch {
    return undefined;
  }

  const fields = line.slice(line.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z" || fields[0] === "X") return undefined;
  return { parent: Number(fields[1]), group: Number(fields[2]) };
}

function residentPeakKiB(procRoot: string, pid: number): number | null {
  let text: string;
  try {
    text = readFileSync(`${procRoot}/${pid}/status`, "latin1");
  } catch {
    return null;
  }

  const match = /^VmHWM:\s+(\d+)/m.exec(text);
  return match ? Number(match[1]) : null;
}

function appendPeak(file: string, kib: number): void {
  try {
    appendFileSync(file, `${kib}\n`);
  } catch {
    // The trial folder is gone (removed by hand): the peak stays in memory.
  }
}
