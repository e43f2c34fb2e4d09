// Durability for many small files at once. A record fsynced as it is written
// makes the runner wait for one journal commit per trial; fsyncs issued
// together, a fraction of a second's worth at a time, share commits (the file
// system groups concurrent fsyncs) and run on the thread pool, off the hot path.
import { open } from "node:fs/promises";

/** fsyncs in flight at once: enough for the file system to group commits. */
const CONCURRENCY = 4;

/**
 * Files written atomically (renamed into place) but not yet fsynced are made
 * durable together, at most one interval after the first of them was noted
 * and whenever `flush` is awaited. A power loss can lose at most the files of
 * the last interval, never tear one: a reader sees each whole or not at all.
 */
export class BatchedSync {
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private inFlight = 0;
  private warned = false;

  constructor(private readonly intervalMs = 250) {}

  /** Files noted and not yet durable. */
  get waiting(): number {
    return this.pending.length + this.inFlight;
  }

  /** Notes a file written (and renamed into place) without fsync. */
  written(file: string): void {
    this.pending.push(file);
    this.arm();
  }

  /** Resolves once every file noted before the call is durable. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;

    const files = this.pending;
    this.pending = [];
    this.inFlight = files.length;
    this.running = syncAll(files, (message) => this.warnOnce(message)).finally(() => {
      this.running = undefined;
      this.inFlight = 0;
      this.arm();
    });
    await this.running;
  }

  private warnOnce(message: string): void {
    if (this.warned) return;
    this.warned = true;
    process.emitWarning(
      `${message} (records stay written, but may not survive a power loss)`,
    );
  }

  private arm(): void {
    if (this.timer || this.running || this.pending.length === 0) return;

    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.intervalMs);
  }
}

async function syncAll(
  files: readonly string[],
  warn: (message: string) => void,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next] as string;
      next += 1;
      await syncFile(file, warn);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
}

/**
 * fsync of one file. One removed meanwhile has nothing left to make durable;
 * one that cannot be synced stays written (atomically) and is reported once.
 */
async function syncFile(file: string, warn: (message: string) => void): Promise<void> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return;
  }

  try {
    await handle.sync();
  } catch (error) {
    warn(`could not fsync ${file}: ${(error as Error).message}`);
  } finally {
    await handle.close();
  }
}
