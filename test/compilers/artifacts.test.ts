// Trial tables are written in pieces (a 100,000-trial table is ~50 MB): what
// lands on disk must be exactly the artifact's content, row for row.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePlanFor, writeArtifacts } from "../../compilers/index.ts";
import { goldenOptions, goldenPlan } from "./golden-plan.ts";
import { optionsFor, planOf, stepOf } from "./plan-fixtures.ts";

describe("writing compiled artifacts", () => {
  it("writes every file byte for byte as its content", async () => {
    const out = await mkdtemp(join(tmpdir(), "sf-artifacts-"));
    const result = compilePlanFor(goldenPlan(), goldenOptions("slurm"));

    const written = await writeArtifacts(result, out);

    expect(written).toHaveLength(result.files.length);
    for (const file of result.files) {
      expect(await readFile(join(out, file.path), "utf8"), file.path).toBe(file.content);
    }
  });

  it("writes a table of many thousand rows whole, one line per trial, in order", async () => {
    const out = await mkdtemp(join(tmpdir(), "sf-artifacts-"));
    const plan = planOf("many", [
      stepOf({ name: "sim", count: 10_000, argv: (i) => ["echo", String(i)] }),
    ]);
    const options = optionsFor("local", out, { bundle: 1 });
    const result = compilePlanFor(plan, options);

    await writeArtifacts(result, out);
    const lines = (await readFile(join(out, "sim.trials"), "utf8")).split("\n");

    expect(lines).toHaveLength(10_001);
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toMatch(/^0\t/);
    expect(lines[4096]).toMatch(/^4096\t/);
    expect(lines[9999]).toMatch(/^9999\t/);
    expect(`${lines.join("\n")}`).toBe(
      result.files.find((file) => file.path === "sim.trials")?.content);
  });
});
