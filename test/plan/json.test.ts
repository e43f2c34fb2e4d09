import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadDataDefinition } from "../../src/definition/index.ts";
import {
  compilePlan, planFromFile, planJsonText, readPlanJson, summarizePlan, writePlanJson,
} from "../../src/plan/index.ts";
import { UserError } from "../../src/errors.ts";
import { SOURCE } from "./helpers.ts";

const repo = join(import.meta.dirname, "..", "..");
const heatYaml = join(repo, "examples/heat/experiment.yaml");
const fixture = join(import.meta.dirname, "fixtures", "plan-v1.json");

function tempFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), "sweepforge-plan-")), name);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error.code;
    throw error;
  }
  return "no error";
}

describe("plan.json", () => {
  it("is byte-identical every time the same definition is compiled", async () => {
    const [first, second] = [tempFile("a.json"), tempFile("b.json")];
    await writePlanJson(await planFromFile(heatYaml), first);
    await writePlanJson(await planFromFile(heatYaml), second);
    expect(readFileSync(first)).toEqual(readFileSync(second));
  });

  it("ends with a hash of exactly the text before it", async () => {
    const file = tempFile("plan.json");
    const plan = await planFromFile(heatYaml);
    const written = await writePlanJson(plan, file);

    const text = readFileSync(file, "utf8");
    const cut = text.lastIndexOf('"hash": ');
    const expected = createHash("sha256").update(text.slice(0, cut)).digest("hex");
    expect(written).toBe(expected);
    expect(plan.hash).toBe(expected);
    expect(text.slice(cut)).toBe(`"hash": "${expected}"\n}\n`);
    expect(JSON.parse(text).steps[0].trials).toHaveLength(35);
  });

  it("compiles the same experiment written in YAML and JSON to byte-identical plans", () => {
    const yamlText = readFileSync(heatYaml, "utf8");
    const jsonText = JSON.stringify(parse(yamlText), null, 2);

    const fromYaml = planJsonText(compilePlan(loadDataDefinition(yamlText, SOURCE)));
    const fromJson = planJsonText(compilePlan(loadDataDefinition(jsonText, SOURCE)));
    expect(fromJson).toBe(fromYaml);
  });

  it("differs between the YAML and TS heat files only in where the definition came from", async () => {
    const [yaml, ts] = [tempFile("y.json"), tempFile("t.json")];
    await writePlanJson(await planFromFile(heatYaml), yaml);
    await writePlanJson(await planFromFile(join(repo, "examples/heat/experiment.ts")), ts);

    const yamlLines = readFileSync(yaml, "utf8").split("\n");
    const tsLines = readFileSync(ts, "utf8").split("\n");
    const differing = yamlLines.flatMap((line, i) => (line === tsLines[i] ? [] : [line.split(":")[0]]));
    expect(differing).toEqual(['"definition"', '"hash"']);
  });

  it("changes its hash when any trial changes", () => {
    const text = readFileSync(join(repo, "test/plan/fixtures/plan-v1.source.yaml"), "utf8");
    const base = compilePlan(loadDataDefinition(text, SOURCE));
    const edited = compilePlan(loadDataDefinition(text.replace("sim,", "simulate,"), SOURCE));
    expect(edited.hash).not.toBe(base.hash);
  });

  it("reads back to the same trials, and writes again to the same bytes", async () => {
    const file = tempFile("plan.json");
    const again = tempFile("again.json");
    const plan = await planFromFile(heatYaml);
    await writePlanJson(plan, file);

    const read = await readPlanJson(file);
    expect(read.hash).toBe(plan.hash);
    expect([...read.steps[0]!.trials]).toEqual([...plan.steps[0]!.trials]);
    expect(read.steps[1]?.trials.at(0).dependsOn).toHaveLength(35);
    await writePlanJson(read, again);
    expect(readFileSync(again)).toEqual(readFileSync(file));
  });

  it("reads the frozen schemaVersion 1 fixture", async () => {
    const plan = await readPlanJson(fixture);
    expect(plan.experiment).toBe("fixture");
    expect(plan.hash).toBe("c3610351981dd8e4abc9946aa4bd1b77b7da904d0675ea031422e3047807063c");
    expect(plan.steps.map((s) => [s.name, s.trials.count])).toEqual([["simulate", 4], ["report", 1]]);
    expect(plan.steps[0]?.trials.at(3)).toMatchObject({ id: "e863e49a0af0a4a5", argv: ["sim", "2"], replicate: 1 });
    expect(plan.steps[1]?.trials.at(0).dependsOn).toEqual([
      "5130860f968f286e", "13d6a9923bb0a790", "592b9ec02c6b766b", "e863e49a0af0a4a5",
    ]);
  });

  it("refuses a plan whose content no longer matches its hash", async () => {
    const file = tempFile("edited.json");
    writeFileSync(file, readFileSync(fixture, "utf8").replace('["sim","2"]', '["sim","3"]'));
    expect(await codeOf(readPlanJson(file))).toBe("plan/hash-mismatch");
  });

  it("refuses an unknown schemaVersion, malformed JSON and a wrong shape", async () => {
    const future = tempFile("future.json");
    writeFileSync(future, readFileSync(fixture, "utf8").replace('"schemaVersion": 1', '"schemaVersion": 99'));
    expect(await codeOf(readPlanJson(future))).toBe("plan/unsupported-version");

    const broken = tempFile("broken.json");
    writeFileSync(broken, "{ not json");
    expect(await codeOf(readPlanJson(broken))).toBe("plan/unreadable");
    expect(await codeOf(readPlanJson(tempFile("missing.json")))).toBe("plan/unreadable");

    const shape = tempFile("shape.json");
    writeFileSync(shape, JSON.stringify({ ...JSON.parse(readFileSync(fixture, "utf8")), seed: "one" }));
    expect(await codeOf(readPlanJson(shape))).toBe("plan/invalid");
  });

  it("streams a large plan to disk and reads it back with its resources", async () => {
    const yaml = "name: big\nparams:\n  a: { intRange: [1, 50] }\n  b: { intRange: [1, 60] }\n"
      + "steps:\n  s: { run: [sim, \"{a}\", \"{b}\"], resources: { cpus: { expr: \"a\" } } }\n";
    const plan = compilePlan(loadDataDefinition(yaml, SOURCE));
    const file = tempFile("big.json");
    await writePlanJson(plan, file);

    const read = await readPlanJson(file);
    expect(read.steps[0]?.trials.count).toBe(3000);
    expect(read.steps[0]?.trials.at(2999).argv).toEqual(["sim", "50", "60"]);
    // cpus = a for 60 trials of each a in 1..50, one hour each: 60 * (1 + ... + 50)
    expect(summarizePlan(read).resources.coreHours).toBe(76_500);
  });

  it("rejects when the target directory does not exist", async () => {
    const plan = await planFromFile(heatYaml);
    await expect(writePlanJson(plan, join(tempFile("dir"), "missing", "plan.json"))).rejects.toThrow();
  });
});
