// Durability for many small files at once. One fsync per trial record costs
// a journal commit each (0.5-0.8 ms of CPU here, more than the rest of a
// trivial trial's bookkeeping); one syncfs per batch costs one commit for all.
import { execFile } from "node:child_process";

/**
 * Files written atomically but not fsynced are made durable together: by
 * `sync -f DIR` (syncfs of DIR's file system, GNU coreutils), else by plain
 * `sync`, at most once per interval and whenever `flush` is awaited. A power
 * loss can lose at most the last interval's files, never tear one: each was
 * renamed into place whole.
 */
export class BatchedSync {
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private warned = false;

  constructor(
    private readonly dir: string,
    private readonly intervalMs = 1000,
  ) {}

  /** Notes that a file under `dir` was written without fsync. */
  written(): void {
    this.dirty = true;
    if (this.timer || this.running) return;

    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.intervalMs);
  }

  /** Resolves once everything written before the call is durable. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
    if (!this.dirty) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;

    this.dirty = false;
    this.running = this.syncFileSystem().finally(() => {
      this.running = undefined;
      if (this.dirty) this.written();
    });
    await this.running;
  }

  private async syncFileSystem(): Promise<void> {
    if (await run("sync", ["-f", this.dir])) return;
    if (await run("sync", [])) return;

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
