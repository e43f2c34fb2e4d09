// A one-line progress bar for long ingests, drawn only on a terminal and at
// most ten times a second so drawing never slows reading down.
import type { LoadProgress } from "./load.ts";

export interface ProgressBar {
  update(progress: LoadProgress): void;
  done(): void;
}

const WIDTH = 30;

export function progressBar(stream: NodeJS.WritableStream, enabled: boolean,
  now: () => number = Date.now): ProgressBar {
  let lastDraw = 0;
  let drawn = false;
  const started = now();

  return {
    update(progress) {
      if (!enabled || now() - lastDraw < 100) return;
      lastDraw = now();
      drawn = true;
      stream.write(`\r${formatProgress(progress, (now() - started) / 1000)}`);
    },
    done() {
      if (drawn) stream.write("\r\u001b[2K");
    },
  };
}

/** "[#######.......] 23% 230.0/1000.0 MB 115 MB/s, 12 trials". */
export function formatProgress(progress: LoadProgress, seconds: number): string {
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  const trials = `${progress.trials} trials`;
  if (progress.totalBytes === 0) return `reading… ${trials}`;
  const share = Math.min(1, progress.bytes / progress.totalBytes);
  const filled = Math.round(share * WIDTH);
  const rate = seconds > 0 ? `${(progress.bytes / 1e6 / seconds).toFixed(0)} MB/s` : "";
  return `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${Math.round(share * 100)}% `
    + `${mb(progress.bytes)}/${mb(progress.totalBytes)} MB ${rate}, ${trials}`;
}
