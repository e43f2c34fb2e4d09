import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BatchedSync } from "../../src/run/batched-sync.ts";
import { tempDir } from "./support/temp.ts";

const realPath = process.env.PATH;

afterEach(() => {
  process.env.PATH = realPath;
  vi.restoreAllMocks();
});

/**
 * Puts a `sync` first on PATH that logs its arguments, then either runs the
 * real one or fails when called with `failWith` as its first argument.
 */
function loggingSync(failWith?: string): string {
  const bin = tempDir("sweepforge-bin-");
  const log = join(bin, "calls.log");
  const fail = failWith === undefined ? "" : `[ "$1" = "${failWith}" ] && exit 1\n`;
  writeFileSync(join(bin, "sync"),
    `#!/bin/sh\necho "sync $*" >>'${log}'\n${fail}exec /bin/sync "$@"\n`);
  chmodSync(join(bin, "sync"), 0o755);
  process.env.PATH = `${bin}:${realPath}`;
  return log;
}

const calls = (log: string): string[] => {
  try {
    return readFileSync(log, "utf8").trim().split("\n");
  } catch {
    return [];
  }
};

describe("batched durability of trial records", () => {
  it("fsyncs the files written since the last flush with one sync call", async () => {
    const log = loggingSync();
    const dir = tempDir();
    const files = Array.from({ length: 5 }, (_, i) => join(dir, `r${i}.json`));
    for (const file of files) writeFileSync(file, "{}\n");
    const batch = new BatchedSync(60_000);

    for (const file of files) batch.written(file);
    await batch.flush();
    await batch.flush();

    expect(calls(log)).toEqual([`sync ${files.join(" ")}`]);
  });

  it("splits a very large batch over several sync calls", async () => {
    const log = loggingSync();
    const dir = tempDir();
    const file = join(dir, "r.json");
    writeFileSync(file, "{}\n");
    const batch = new BatchedSync(60_000);

    for (let i = 0; i < 2500; i += 1) batch.written(file);
    await batch.flush();

    expect(calls(log).map((line) => line.split(" ").length - 1)).toEqual([1000, 1000, 500]);
  });

  it("flushes by itself one interval after a write", async () => {
    const log = loggingSync();
    const file = join(tempDir(), "r.json");
    writeFileSync(file, "{}\n");
    const batch = new BatchedSync(20);

    batch.written(file);
    await vi.waitFor(() => expect(calls(log)).toEqual([`sync ${file}`]), { timeout: 5000 });
    await batch.flush();
    expect(calls(log)).toHaveLength(1);
  });

  it("lets a flush asked during a running sync wait for one that covers its writes", async () => {
    const log = loggingSync();
    const dir = tempDir();
    const [a, b] = [join(dir, "a"), join(dir, "b")];
    writeFileSync(a, "");
    writeFileSync(b, "");
    const batch = new BatchedSync(60_000);

    batch.written(a);
    const first = batch.flush();
    batch.written(b);
    const second = batch.flush();
    const third = batch.flush();
    await Promise.all([first, second, third]);

    expect(calls(log)).toEqual([`sync ${a}`, `sync ${b}`]);
  });

  it("falls back to a plain sync where sync takes no file names", async () => {
    const file = join(tempDir(), "r.json");
    const log = loggingSync(file);
    writeFileSync(file, "{}\n");
    const batch = new BatchedSync(60_000);

    batch.written(file);
    await batch.flush();

    expect(calls(log)).toEqual([`sync ${file}`, "sync"]);
  });

  it("warns once, and goes on, when no sync can be run", async () => {
    process.env.PATH = tempDir("sweepforge-empty-bin-");
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const batch = new BatchedSync(60_000);

    batch.written("/nowhere/a");
    await batch.flush();
    batch.written("/nowhere/b");
    await batch.flush();

    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/not flushed to disk/);
  });
});
