import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BatchedSync } from "../../src/run/batched-sync.ts";
import { tempDir } from "./support/temp.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

/** `count` small files in a fresh folder, as the runner leaves records. */
function records(count: number): string[] {
  const dir = tempDir();
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `r${i}.json`);
    writeFileSync(file, `{"trial":${i}}\n`);
    return file;
  });
}

describe("batched durability of trial records", () => {
  it("has nothing waiting once a flush of the noted files resolves", async () => {
    const files = records(40);
    const batch = new BatchedSync(60_000);

    for (const file of files) batch.written(file);
    expect(batch.waiting).toBe(40);
    await batch.flush();

    expect(batch.waiting).toBe(0);
    expect(files.map((file) => readFileSync(file, "utf8"))).toEqual(
      files.map((_, i) => `{"trial":${i}}\n`),
    );
  });

  it("syncs by itself one interval after a file is noted", async () => {
    const [file] = records(1);
    const batch = new BatchedSync(20);

    batch.written(file!);

    await vi.waitFor(() => expect(batch.waiting).toBe(0), { timeout: 5000 });
  });

  it("makes a flush asked during a running batch wait for the files noted since", async () => {
    const [a, b] = records(2);
    const batch = new BatchedSync(60_000);

    batch.written(a!);
    const first = batch.flush();
    batch.written(b!);
    expect(batch.waiting).toBe(2);
    const second = batch.flush();
    await second;

    expect(batch.waiting).toBe(0);
    await first;
  });

  it("skips a file removed before its turn", async () => {
    const batch = new BatchedSync(60_000);

    batch.written(join(tempDir(), "gone.json"));
    await batch.flush();

    expect(batch.waiting).toBe(0);
  });

  it("warns once, and goes on, when a file cannot be synced", async () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const batch = new BatchedSync(60_000);

    // A character device: it opens, but fsync refuses it (EINVAL).
    batch.written("/dev/null");
    batch.written("/dev/null");
    await batch.flush();
    batch.written("/dev/null");
    await batch.flush();

    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/could not fsync \/dev\/null/);
  });
});
