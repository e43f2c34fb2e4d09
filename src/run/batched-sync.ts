// Durability for many small files at once. One fsync per trial record costs
// a journal commit each (0.5-0.8 ms of CPU here, more than the rest of a
// trivial trial's bookkeeping); fsyncing a second's worth of records back to
// back in one `sync FILE...` costs about one commit for all of them.
import { execFile } from "node:child_process";

/** Files per `sync` call, well inside any system's argument-size limit. */
const FILES_PER_CALL = 1000;

/**
 * Files written atomically but not fsynced are made durable together by
 * `sync FILE...` (GNU coreutils fsyncs each named file; elsewhere plain
 * `sync` flushes everything), at most one interval after a write and
 * whenever `flush` is awaited. A power loss can lose at most the last
 * interval's files, never tear one: each was renamed into place whole.
 */
export class BatchedSync {
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private warned = false;

  constructor(private readonly intervalMs = 1000) {}

  /** Notes a file written (and renamed into place) without fsync. */
  written(file: string): void {
    this.pending.push(file);
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.running || this.pending.length === 0) return;

    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.intervalMs);
  }

  /** Resolves once every file noted before the call is durable. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;

    const files = this.pending;
    this.pending = [];
    this.running = this.syncFiles(files).finally(() => {
      this.running = undefined;
      this.arm();
    });
    await this.running;
  }

  private async syncFiles(files: readonly string[]): Promise<void> {
    for (let start = 0; start < files.length; start += FILES_PER_CALL) {
      if (await run("sync", files.slice(start, start + FILES_PER_CALL))) continue;
      if (await run("sync", [])) return;
      return this.warnOnce();
    }
  }

  private warnOnce(): void {
    if (this.warned) return;
    this.warned = true;
    process.emitWarning(
      "could not run `sync`: trial records are written atomically but not flushed to disk",
    );
  }
}

function run(command: string, args: readonly string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(command, args, (error) => resolve(error === null));
  });
}
