// Every package format version ever written stays readable: each frozen
// fixture must still pass integrity, re-execute and reproduce with today's code.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sha256OfFile } from "../../src/repro/hash.ts";
import { readManifest } from "../../src/repro/integrity.ts";
import { exportProvenance } from "../../src/repro/provenance.ts";
import { REPRODUCED_FROM_FILE, reproducePackage } from "../../src/repro/reproduce.ts";
import { unpackArchive } from "../../src/repro/unpack.ts";
import { verifyPackage } from "../../src/repro/verify.ts";
import { tempDir } from "./run-fixture.ts";

const FIXTURES = new URL("../fixtures/packages/", import.meta.url).pathname;

const FROZEN = [
  {
    version: 1,
    file: join(FIXTURES, "v1", "frozen-v1.sweepforge.tar.gz"),
    sha256: "e0171e8477d6dabc792364a1e610928036d3fab48fbcb6b207713be507642a35",
    metrics: {
      "x=1 mode=fast": { y: 1, half: 1.5 },
      "x=2 mode=fast": { y: 4, half: 2.5 },
      "x=3 mode=fast": { y: 9, half: 3.5 },
    },
  },
] as const;

describe.each(FROZEN)("frozen package format v$version", (fixture) => {
  it("is byte-for-byte the archive that was committed", async () => {
    expect(await sha256OfFile(fixture.file)).toBe(fixture.sha256);
  });

  it("still reads: its manifest migrates to the current version", async () => {
    const dir = join(await tempDir(), "pkg");
    await unpackArchive(fixture.file, dir);
    const manifest = await readManifest(dir);
    expect(manifest.experiment).toBe("frozen-v1");
    expect(manifest.trials).toBe(3);
    expect(
      JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")).schemaVersion,
    ).toBe(fixture.version);
  });

  it("still verifies by re-executing every trial", async () => {
    const report = await verifyPackage(fixture.file);
    expect(report.integrity.ok).toBe(true);
    expect(report.reproduced).toBe(true);
    const seen = Object.fromEntries(
      report.trials.map((t) => [
        Object.entries(t.params)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(" "),
        Object.fromEntries(t.metrics.map((m) => [m.name, m.actual])),
      ]),
    );
    expect(seen).toEqual(fixture.metrics);
  });

  it("still reproduces as a new run linked to the package", async () => {
    const out = join(await tempDir(), "again");
    const report = await reproducePackage(fixture.file, { out });
    expect(report.reproduced).toBe(true);
    const link = JSON.parse(
      await readFile(join(report.runDir, REPRODUCED_FROM_FILE), "utf8"),
    );
    expect(link.packageSha256).toBe(fixture.sha256);
  });

  it("still exports PROV-JSON and its RO-Crate", async () => {
    const prov = (await exportProvenance(fixture.file, "prov")) as {
      activity: Record<string, unknown>;
    };
    expect(
      Object.keys(prov.activity).filter((k) => k.startsWith("sf:trial-")),
    ).toHaveLength(3);
    const crate = (await exportProvenance(fixture.file, "ro-crate")) as {
      "@graph": { "@id": string }[];
    };
    expect(crate["@graph"].map((e) => e["@id"])).toContain("#sweep");
  });
});
