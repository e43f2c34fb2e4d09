import { rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { Aggregate } from "../../src/results/aggregate.ts";
import { ingestResultFileParallel } from "../../src/results/ingest/parallel.ts";
import { tempDir } from "./helpers/write-run.ts";

const PIECE = 1 << 20;

// About 3.3 MB: 24,000 rows over 4 configurations, score = row index.
function writeRows(file: string, badLineAt?: number): void {
  const lines = Array.from({ length: 24_000 }, (_, i) =>
    i === badLineAt
      ? '{"kind": "a", "score": '
      : JSON.stringify({
          kind: ["a", "b", "c", "d"][i % 4],
          seed: i,
          score: i,
          note: "x".repeat(100),
        }),
  );
  writeFileSync(file, `${lines.join("\n")}\n`);
}

// jobs threads read; with workersOnly the main thread leaves every piece to
// the jobs − 1 workers, which otherwise start too late to get one of 4 pieces.
async function readInPieces(
  file: string,
  jobs: number,
  workersOnly = false,
): Promise<Aggregate> {
  const aggregate = new Aggregate({ by: null, metrics: null, seed: 5 });
  const progress: number[] = [];
  await ingestResultFileParallel(file, statSync(file).size, aggregate, {
    knownParams: [],
    by: null,
    metrics: null,
    trialParams: new Map(),
    jobs,
    parallelMinBytes: 0,
    pieceBytes: PIECE,
    readOnMainThread: !workersOnly,
    onBytes: (bytes) => progress.push(bytes),
  });
  expect(Math.max(...progress)).toBe(statSync(file).size);
  return aggregate;
}

// Each test writes a few MB; remove them rather than leave them in /tmp.
const dirs: string[] = [];
function fileInTempDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir, "rows.jsonl");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("reading a large result file in pieces", () => {
  it("counts every row once and gives the same aggregate whichever thread read which piece", async () => {
    const file = fileInTempDir();
    writeRows(file);

    const mainThread = await readInPieces(file, 2);
    const oneWorker = await readInPieces(file, 2, true);
    const twoWorkers = await readInPieces(file, 3, true);

    const groups = mainThread.sortedGroups();
    expect(groups.map((group) => group.params.kind)).toEqual(["a", "b", "c", "d"]);
    expect(groups.map((group) => group.observations)).toEqual([6000, 6000, 6000, 6000]);
    // Group "a" holds 0, 4, 8, …, 23,996: mean 11,998, min 0, max 23,996.
    const a = groups[0]!.metrics.get("score")!.moments;
    expect([a.n, a.mean, a.min, a.max]).toEqual([6000, 11_998, 0, 23_996]);
    expect(oneWorker.snapshot()).toEqual(mainThread.snapshot());
    expect(twoWorkers.snapshot()).toEqual(mainThread.snapshot());
  });

  it("stops at a bad line in any piece, read here or in a worker, and names its file", async () => {
    const file = fileInTempDir();
    writeRows(file, 20_000);
    for (const workersOnly of [false, true]) {
      const error = await readInPieces(file, 2, workersOnly).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).problems[0]).toMatchObject({
        code: "results/bad-json-line",
        file,
      });
    }
  });
});
