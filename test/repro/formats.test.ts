import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { ByteSize } from "../../src/repro/byte-size.ts";
import {
  MANIFEST_SCHEMA_VERSION,
  parseManifest,
  serializeManifest,
} from "../../src/repro/manifest.ts";
import { migrateDocument, type MigrationChain } from "../../src/repro/migrate.ts";
import { mapLimited } from "../../src/repro/pool.ts";
import { parseTrialRecord, readRunRecords } from "../../src/repro/records.ts";
import { readPackagedPlan } from "../../src/repro/run-plan.ts";
import { walkFiles } from "../../src/repro/walk.ts";
import { symlink } from "node:fs/promises";
import { tempDir } from "./run-fixture.ts";

const catchError = (fn: () => unknown): UserError => {
  try {
    fn();
  } catch (error) {
    return error as UserError;
  }
  throw new Error("expected an error");
};

const manifest = {
  schemaVersion: 1,
  generator: { name: "sweepforge", version: "0.1.0" },
  experiment: "e",
  planHash: "f".repeat(64),
  definition: null,
  sourceRoot: null,
  policy: { inlineInputBytes: 1, inlineOutputBytes: 2 },
  trials: 0,
  files: [{ path: "a", size: 1, sha256: "a".repeat(64) }],
  references: [],
};

describe("schema migrations", () => {
  const chain: MigrationChain = {
    kind: "widget",
    current: 3,
    steps: [
      {
        from: 1,
        describe: "rename n to count",
        up: ({ n, ...rest }) => ({ ...rest, count: n }),
      },
      { from: 2, describe: "add unit", up: (doc) => ({ ...doc, unit: "s" }) },
    ],
  };

  it("lifts an old document through every step to the current version", () => {
    expect(migrateDocument(chain, { schemaVersion: 1, n: 4 }, "w.json")).toEqual({
      schemaVersion: 3,
      count: 4,
      unit: "s",
    });
    expect(migrateDocument(chain, { schemaVersion: 3, count: 1 }, "w.json")).toEqual({
      schemaVersion: 3,
      count: 1,
    });
  });

  it("refuses documents that are newer, unversioned or have a gap in the chain", () => {
    expect(
      catchError(() => migrateDocument(chain, { schemaVersion: 4 }, "w.json")).code,
    ).toBe("repro/schema-too-new");
    expect(
      catchError(() => migrateDocument(chain, { schemaVersion: "1" }, "w.json")).code,
    ).toBe("repro/schema-version-missing");
    expect(catchError(() => migrateDocument(chain, null, "w.json")).code).toBe(
      "repro/schema-version-missing",
    );
    const gap = { ...chain, steps: [chain.steps[1]!] };
    expect(
      catchError(() => migrateDocument(gap, { schemaVersion: 1 }, "w.json")).code,
    ).toBe("repro/migration-missing");
  });
});

describe("manifest.json", () => {
  it("round-trips through its serialisation", () => {
    expect(parseManifest(serializeManifest(manifest as never), "m.json")).toEqual(
      manifest,
    );
    expect(MANIFEST_SCHEMA_VERSION).toBe(1);
  });

  it("names the file and field of every problem", () => {
    const error = catchError(() =>
      parseManifest(JSON.stringify({ ...manifest, files: [{ path: 1 }] }), "m.json"),
    );
    expect(error.problems[0]).toMatchObject({
      code: "repro/manifest-invalid",
      file: "m.json",
      path: ["files", 0, "path"],
    });
    expect(catchError(() => parseManifest("{", "m.json")).code).toBe(
      "repro/manifest-invalid",
    );
    expect(
      catchError(() =>
        parseManifest(JSON.stringify({ ...manifest, schemaVersion: 2 }), "m.json"),
      ).code,
    ).toBe("repro/schema-too-new");
  });
});

describe("plan.json and record.json readers", () => {
  it("explain a missing, unparsable or malformed plan", async () => {
    const dir = await tempDir();
    await expect(readPackagedPlan(join(dir, "plan.json"))).rejects.toMatchObject({
      code: "repro/plan-missing",
    });
    await writeFile(join(dir, "plan.json"), "{oops");
    await expect(readPackagedPlan(join(dir, "plan.json"))).rejects.toMatchObject({
      code: "repro/plan-invalid",
    });
    await writeFile(
      join(dir, "plan.json"),
      JSON.stringify({ schemaVersion: 1, experiment: 3 }),
    );
    const error = (await readPackagedPlan(join(dir, "plan.json")).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(error.problems.some((p) => p.path?.[0] === "experiment")).toBe(true);
  });

  it("explain an unparsable or malformed trial record", () => {
    expect(catchError(() => parseTrialRecord("nope", "r.json")).code).toBe(
      "repro/record-invalid",
    );
    const error = catchError(() =>
      parseTrialRecord(JSON.stringify({ schemaVersion: 1, trialId: 5 }), "r.json"),
    );
    expect(error.problems.some((p) => p.path?.[0] === "trialId")).toBe(true);
    const current = catchError(() =>
      parseTrialRecord(JSON.stringify({ schemaVersion: 2, step: 1 }), "r.json"),
    );
    expect(current.problems.some((p) => p.path?.[0] === "step")).toBe(true);
    expect(
      catchError(() => parseTrialRecord(JSON.stringify({ schemaVersion: 9 }), "r.json"))
        .code,
    ).toBe("repro/record-version");
  });

  it("has no records for a run without a trials folder", async () => {
    expect(await readRunRecords(await tempDir())).toEqual([]);
  });
});

describe("small helpers", () => {
  it("parses sizes with binary and decimal units", () => {
    expect(ByteSize.parse("5000")).toBe(5000);
    expect(ByteSize.parse("64KiB")).toBe(65536);
    expect(ByteSize.parse("1.5 MB")).toBe(1_500_000);
    expect(ByteSize.parse("2gib")).toBe(2 * 1024 ** 3);
    expect(ByteSize.safeParse("12 parsecs").success).toBe(false);
  });

  it("maps with bounded concurrency and keeps the order of results", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimited([5, 1, 3, 2, 4], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
    expect(await mapLimited([], 4, async () => 1)).toEqual([]);
  });

  it("walks files in code-point order and sets symlinks apart", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "b"));
    await writeFile(join(dir, "b", "z.txt"), "");
    await writeFile(join(dir, "B.txt"), "");
    await writeFile(join(dir, "a.txt"), "");
    await symlink("a.txt", join(dir, "link"));
    expect(await walkFiles(dir)).toEqual({
      files: ["B.txt", "a.txt", "b/z.txt"],
      special: ["link"],
    });
  });
});
