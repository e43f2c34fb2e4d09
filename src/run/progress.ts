// Progress for humans: a live bar redrawn in place on a terminal, a plain
// line every few seconds otherwise (logs, CI), nothing with --quiet.
import type { RunProgress } from "./options.ts";

export interface ProgressReporter {
  readonly update: (progress: RunProgress) => void;
  /** Prints the final state and ends the bar's line. */
  readonly finish: () => void;
}

export interface ReporterOptions {
  readonly stream: NodeJS.WritableStream;
  readonly interactive: boolean;
  readonly quiet?: boolean;
  /** Plain mode: least time between lines; default 5000 ms. */
  readonly intervalMs?: number;
  /** Terminal mode: least time between redraws; default 100 ms. */
  readonly redrawMs?: number;
  readonly now?: () => number;
}

const BAR_WIDTH = 24;

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** Remaining time from the rate so far; infinite before the first completion. */
export function estimateSeconds(progress: RunProgress, completedAtStart: number): number {
  const finishedNow = progress.done + progress.failed - completedAtStart;
  if (finishedNow <= 0) return Infinity;
  const remaining = progress.pending + progress.running;
  return (progress.elapsedSeconds / finishedNow) * remaining;
}

export function progressLine(progress: RunProgress, etaSeconds: number): string {
  return `${progress.done}/${progress.total} done, ${progress.failed} failed, `
    + `${progress.running} running, ${progress.pending} pending, ETA ${formatSeconds(etaSeconds)}`;
}

export function progressBar(progress: RunProgress, etaSeconds: number): string {
  const ratio = progress.total === 0 ? 1 : (progress.done + progress.failed) / progress.total;
  const filled = Math.round(ratio * BAR_WIDTH);
  return `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] `
    + progressLine(progress, etaSeconds);
}

export function createProgressReporter(options: ReporterOptions): ProgressReporter {
  if (options.quiet) return { update: () => undefined, finish: () => undefined };

  const now = options.now ?? (() => Date.now());
  const gap = options.interactive ? options.redrawMs ?? 100 : options.intervalMs ?? 5000;
  let last: RunProgress | undefined;
  let lastDrawn = -Infinity;
  let completedAtStart: number | undefined;

  const draw = (progress: RunProgress): void => {
    const eta = estimateSeconds(progress, completedAtStart ?? 0);
    if (options.interactive) options.stream.write(`\r\x1b[2K${progressBar(progress, eta)}`);
    else options.stream.write(`${progressLine(progress, eta)}\n`);
    lastDrawn = now();
  };

  return {
    update(progress) {
      completedAtStart ??= progress.done + progress.failed;
      last = progress;
      if (now() - lastDrawn >= gap) draw(progress);
    },
    finish() {
      if (!last) return;
      draw(last);
      if (options.interactive) options.stream.write("\n");
    },
  };
}
