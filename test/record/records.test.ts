import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  writeJsonAtomic,
  writeJsonAtomicSync,
  writeTextAtomic,
} from "../../src/record/atomic.ts";
import {
  appendJournal,
  appendJournalSync,
  JournalWriter,
  readJournal,
} from "../../src/record/journal.ts";
import { trialDir, trialOutputDir, trialRecordPath } from "../../src/record/layout.ts";
import { migrateTrialRecord } from "../../src/record/migrate.ts";
import {
  listTrialIds,
  listTrialRecords,
  readTrialRecord,
} from "../../src/record/read.ts";
import { TrialRecord } from "../../src/record/trial-record.ts";
import { trialSpecLine } from "../../src/record/trial-spec.ts";
import { tempDir } from "../run/support/temp.ts";

const V1 = JSON.parse(
  readFileSync(new URL("./fixtures/record-v1.json", import.meta.url), "utf8"),
);

describe("trial records", () => {
  it("migrates the frozen version 1 record to the current shape", () => {
    const record = migrateTrialRecord(V1);

    expect(record).toMatchObject({
      schemaVersion: 2,
      trialId: "3f9a1c2b7d4e5f60",
      backend: "slurm",
      job: { id: "884213", arrayIndex: 4 },
      metrics: { l2_error: 0.00012 },
      logs: { stdout: "stdout.log", stderr: "stderr.log" },
      gpuDevices: [],
    });
    expect(TrialRecord.safeParse(record).success).toBe(true);
  });

  it("treats anything that does not validate as absent", () => {
    expect(migrateTrialRecord({ ...V1, status: "great" })).toBeUndefined();
    expect(migrateTrialRecord({ ...V1, schemaVersion: 2 })).toBeUndefined();
    expect(migrateTrialRecord({ ...V1, schemaVersion: 99 })).toBeUndefined();
    expect(migrateTrialRecord(null)).toBeUndefined();
    expect(migrateTrialRecord("record")).toBeUndefined();
  });

  it("reads a record back by id and skips torn or missing ones when listing", async () => {
    const run = tempDir();
    const good = migrateTrialRecord(V1) as TrialRecord;
    for (const id of ["a", "b", "c"]) mkdirSync(trialDir(run, id), { recursive: true });
    await writeJsonAtomic(trialRecordPath(run, "a"), good);
    writeFileSync(trialRecordPath(run, "b"), JSON.stringify(good).slice(0, 100));

    expect(await readTrialRecord(run, "a")).toEqual(good);
    expect(await readTrialRecord(run, "b")).toBeUndefined();
    expect(await readTrialRecord(run, "c")).toBeUndefined();
    expect(await listTrialIds(run)).toEqual(["a", "b", "c"]);
    const listed = [];
    for await (const record of listTrialRecords(run)) listed.push(record.trialId);
    expect(listed).toEqual([good.trialId]);
    expect(await listTrialIds(join(run, "nowhere"))).toEqual([]);
    expect(trialOutputDir(run, "a")).toBe(join(run, "trials", "a", "output"));
  });

  it("starts params.json with the record's own fields on one line", () => {
    const line = trialSpecLine({
      id: "t1",
      step: "s",
      index: 2,
      point: 2,
      params: { x: "a\nb" },
      replicate: 1,
      seed: 9,
      argv: ["echo", "x"],
      env: { A: "1" },
      dependsOn: [],
      resources: { cpus: 2, memoryMiB: 64, gpus: 0, walltimeSeconds: 10 },
    });

    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      schemaVersion: 2,
      trialId: "t1",
      step: "s",
      index: 2,
      params: { x: "a\nb" },
      replicate: 1,
      seed: 9,
      argv: ["echo", "x"],
      resources: { cpus: 2, memoryMiB: 64, gpus: 0, walltimeSeconds: 10 },
    });
  });
});

describe("atomic writes", () => {
  it("replace the file whole and leave no temporary files", async () => {
    const dir = tempDir();
    const file = join(dir, "doc.json");

    await writeJsonAtomic(file, { b: 1 });
    writeJsonAtomicSync(file, { c: 2 });
    await writeTextAtomic(join(dir, "t.txt"), "text");

    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ c: 2 });
    expect(readFileSync(join(dir, "t.txt"), "utf8")).toBe("text");
    expect(readdirSync(dir).sort()).toEqual(["doc.json", "t.txt"]);
  });

  it("replace the file whole when the fsync is left to a later batch", () => {
    const dir = tempDir();
    const file = join(dir, "record.json");

    writeJsonAtomicSync(file, { first: true });
    writeJsonAtomicSync(file, { second: [1, 2] }, { durable: false });

    expect(readFileSync(file, "utf8")).toBe('{\n  "second": [\n    1,\n    2\n  ]\n}\n');
    expect(readdirSync(dir)).toEqual(["record.json"]);
  });

  it("clean up the temporary file when the rename fails", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "taken", "inside"), { recursive: true });

    await expect(writeJsonAtomic(join(dir, "taken"), {})).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["taken"]);
  });
});

describe("the journal", () => {
  it("reads back every complete event and tolerates a torn last line", async () => {
    const run = tempDir();
    await appendJournal(run, "run-started", { trials: 2 });
    appendJournalSync(run, "trial-ended", { trial: "a" });
    await appendJournal(run, "plain");
    const writer = new JournalWriter(run);
    writer.append("kept-open", { n: 1 });
    writer.append("kept-open-again");
    writer.close();
    writeFileSync(
      join(run, "journal.jsonl"),
      `${readFileSync(join(run, "journal.jsonl"), "utf8")}[1]\n{"at":"x"}\n{"event":"trial-en`,
    );

    const events = await readJournal(run);

    expect(events.map((e) => e.event)).toEqual([
      "run-started",
      "trial-ended",
      "plain",
      "kept-open",
      "kept-open-again",
    ]);
    expect(events[0]).toMatchObject({ trials: 2 });
    expect(Date.parse(events[1]!.at)).not.toBeNaN();
  });

  it("is empty when the run has none", async () => {
    expect(await readJournal(tempDir())).toEqual([]);
  });
});

describe("the record module's entry point", () => {
  it("exposes the readers, writers and capture the other modules build on", async () => {
    const api = await import("../../src/record/index.ts");

    expect(typeof api.captureEnvironment).toBe("function");
    expect(typeof api.readTrialRecord).toBe("function");
    expect(typeof api.writeJsonAtomic).toBe("function");
    expect(typeof api.catalogInputs).toBe("function");
    expect(api.TRIAL_RECORD_SCHEMA_VERSION).toBe(2);
    expect(api.REDACTED).toBe("[redacted]");
  });
});
