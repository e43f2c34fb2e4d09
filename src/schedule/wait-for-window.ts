// Holding heavy work until the cluster is quiet: wait for the next off-peak
// window, reporting the time left once a second so a countdown can be shown.
import { RuntimeFailure } from "../errors.ts";
import { nextWindowStart, type OffPeakPolicy } from "./off-peak.ts";

export interface WaitOptions {
  readonly signal?: AbortSignal;
  /** Called at the start and then every tickMs with the seconds left. */
  readonly onTick?: (secondsLeft: number, opensAt: Date) => void;
  /** Clock, replaceable so a caller can run against a different "now". */
  readonly now?: () => Date;
  readonly tickMs?: number;
}

/** Resolves with the window's start once it is open; at once inside a window. */
export async function waitForWindow(
  policy: OffPeakPolicy,
  options: WaitOptions = {},
): Promise<Date> {
  const now = options.now ?? (() => new Date());
  const opensAt = nextWindowStart(policy, now());
  const tickMs = options.tickMs ?? 1000;

  for (;;) {
    if (options.signal?.aborted) {
      throw new RuntimeFailure("schedule/wait-aborted",
        `stopped while waiting for the off-peak window at ${opensAt.toISOString()}`);
    }
    const left = opensAt.getTime() - now().getTime();
    if (left <= 0) return opensAt;

    options.onTick?.(Math.ceil(left / 1000), opensAt);
    await sleep(Math.min(tickMs, left), options.signal);
  }
}

/** "2h 05m 09s" for a countdown line. */
export function formatCountdown(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}h ${two(m)}m ${two(s)}s` : m > 0 ? `${m}m ${two(s)}s` : `${s}s`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
