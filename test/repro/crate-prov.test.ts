import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectPackageContents } from "../../src/repro/contents.ts";
import { buildProv, PROV_PREFIXES } from "../../src/repro/prov.ts";
import { buildRoCrate, CRATE_PROFILES } from "../../src/repro/ro-crate.ts";
import { THREE_TRIALS, sha, tempDir, writeFixtureRun } from "./run-fixture.ts";

type Entity = Record<string, unknown> & { "@id": string };
const ids = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map((v) => (v as { "@id": string })["@id"]);

async function described() {
  const root = await tempDir();
  await writeFile(join(root, "experiment.yaml"), "name: fixture\n");
  await writeFile(join(root, "mesh.txt"), "mesh\n");
  const failed = { ...THREE_TRIALS[2]!, status: "failed" as const };
  const run = await writeFixtureRun(join(root, "run"), {
    trials: [THREE_TRIALS[0]!, THREE_TRIALS[1]!, failed],
    definitionPath: "experiment.yaml",
    definitionHash: sha("name: fixture\n"),
    inputs: [{ name: "mesh", location: "mesh.txt" }],
  });
  const contents = await collectPackageContents(run, {
    cwd: root,
    probeEnvironment: false,
  });
  const files = contents.items.map(({ path, size, sha256 }) => ({ path, size, sha256 }));
  return { contents, files };
}

describe("RO-Crate (Workflow Run Crate profile)", () => {
  it("has the RO-Crate 1.1 context, a metadata descriptor about the root and a root dataset conforming to the run profiles", async () => {
    const { contents, files } = await described();
    const crate = buildRoCrate(contents, files) as {
      "@context": string[];
      "@graph": Entity[];
    };
    const byId = new Map(crate["@graph"].map((e) => [e["@id"], e]));

    expect(crate["@context"]).toContain("https://w3id.org/ro/crate/1.1/context");
    const descriptor = byId.get("ro-crate-metadata.json");
    expect(ids(descriptor?.conformsTo)).toContain(CRATE_PROFILES.crate);
    expect(ids(descriptor?.about)).toEqual(["./"]);

    const root = byId.get("./");
    expect(root?.["@type"]).toBe("Dataset");
    expect(ids(root?.conformsTo)).toEqual([
      CRATE_PROFILES.processRun,
      CRATE_PROFILES.workflowRun,
      CRATE_PROFILES.workflowCrate,
    ]);
    expect(ids(root?.mainEntity)).toEqual(["source/experiment.yaml"]);
    expect(ids(root?.hasPart)).toEqual(files.map((f) => f.path));
    expect(root?.datePublished).toBe("2026-01-01T00:01:02.000Z");
  });

  it("describes the workflow with formal parameters and one CreateAction per run and per trial", async () => {
    const { contents, files } = await described();
    const graph = (buildRoCrate(contents, files) as { "@graph": Entity[] })["@graph"];
    const byId = new Map(graph.map((e) => [e["@id"], e]));

    const workflow = byId.get("source/experiment.yaml");
    expect(workflow?.["@type"]).toEqual(
      expect.arrayContaining(["File", "SoftwareSourceCode", "ComputationalWorkflow"]),
    );
    expect(ids(workflow?.input)).toEqual(["#param-x"]);
    expect(ids(workflow?.output)).toEqual(["#metric-y"]);
    expect(byId.get("#param-x")).toMatchObject({
      "@type": "FormalParameter",
      additionalType: "Float",
      name: "x",
    });
    expect(workflow?.sha256).toBe(sha("name: fixture\n"));

    const sweep = byId.get("#sweep");
    expect(sweep).toMatchObject({
      "@type": "CreateAction",
      actionStatus: "FailedActionStatus",
    });
    expect(ids(sweep?.instrument)).toEqual(["source/experiment.yaml"]);
    expect(ids(sweep?.object)).toEqual(["#experiment-seed", "inputs/mesh/mesh.txt"]);
    expect(ids(sweep?.result)).toContain("run/trials/t-aaa/output/result.txt");

    const trial = byId.get("#trial-t-aaa");
    expect(trial).toMatchObject({
      "@type": "CreateAction",
      actionStatus: "CompletedActionStatus",
    });
    expect(ids(trial?.instrument)).toEqual(["#step-sim"]);
    const value = byId.get(ids(trial?.object)[0]!);
    expect(value).toMatchObject({ "@type": "PropertyValue", name: "x", value: 1 });
    expect(ids(value?.exampleOfWork)).toEqual(["#param-x"]);
    expect(ids(trial?.result)).toEqual(
      expect.arrayContaining([
        "run/trials/t-aaa/output/result.txt",
        "#trial-t-aaa-metric-y",
      ]),
    );
    expect(byId.get("#trial-t-ccc")).toMatchObject({
      actionStatus: "FailedActionStatus",
      error: "trial failed",
    });
  });

  it("gives every referenced @id an entity in the graph", async () => {
    const { contents, files } = await described();
    const graph = (buildRoCrate(contents, files) as { "@graph": Entity[] })["@graph"];
    const known = new Set(graph.map((e) => e["@id"]));
    const referenced = graph.flatMap((e) =>
      Object.entries(e)
        .filter(
          ([key]) => !["@id", "@type", "url", "license", "conformsTo"].includes(key),
        )
        .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
        .filter(
          (v): v is { "@id": string } =>
            typeof v === "object" && v !== null && "@id" in v,
        )
        .map((v) => v["@id"]),
    );
    expect(referenced.filter((id) => !known.has(id))).toEqual([]);
  });
});

describe("W3C PROV-JSON", () => {
  it("declares its prefixes and links trials to the plan, their host agent and their outputs", async () => {
    const { contents, files } = await described();
    const prov = buildProv(contents, files);

    expect(prov.prefix).toMatchObject({
      prov: PROV_PREFIXES.prov,
      xsd: PROV_PREFIXES.xsd,
    });
    expect(prov.entity["pkg:run/plan.json"]).toMatchObject({ "prov:type": "prov:Plan" });
    expect(prov.activity["sf:trial-t-aaa"]).toMatchObject({
      "prov:startTime": "2026-01-01T00:00:00.000Z",
      "sf:param-x": { $: "1", type: "xsd:double" },
    });
    expect(prov.agent["host:fixture-host"]).toMatchObject({
      "prov:type": "prov:SoftwareAgent",
    });

    const relations = (kind: keyof typeof prov) =>
      Object.values(prov[kind]) as Record<string, unknown>[];
    expect(relations("wasGeneratedBy")).toContainEqual(
      expect.objectContaining({
        "prov:entity": "pkg:run/trials/t-aaa/output/result.txt",
        "prov:activity": "sf:trial-t-aaa",
      }),
    );
    expect(relations("used")).toContainEqual({
      "prov:activity": "sf:sweep",
      "prov:entity": "pkg:inputs/mesh/mesh.txt",
    });
    expect(relations("used")).toContainEqual({
      "prov:activity": "sf:sweep",
      "prov:entity": "pkg:source/experiment.yaml",
    });
    expect(relations("wasAssociatedWith")).toContainEqual({
      "prov:activity": "sf:trial-t-bbb",
      "prov:agent": "host:fixture-host",
      "prov:plan": "pkg:run/plan.json",
    });
    expect(relations("wasInformedBy")).toContainEqual({
      "prov:informed": "sf:trial-t-ccc",
      "prov:informant": "sf:sweep",
    });
  });

  it("only refers to entities, activities and agents it declares", async () => {
    const { contents, files } = await described();
    const prov = buildProv(contents, files);
    const declared = new Set([
      ...Object.keys(prov.entity),
      ...Object.keys(prov.activity),
      ...Object.keys(prov.agent),
    ]);
    const refs = [
      prov.used,
      prov.wasGeneratedBy,
      prov.wasAssociatedWith,
      prov.wasInformedBy,
    ]
      .flatMap((kind) => Object.values(kind))
      .flatMap((r) => Object.values(r))
      .filter((v): v is string => typeof v === "string" && !/^\d{4}-/.test(v));
    expect(refs.filter((ref) => !declared.has(ref))).toEqual([]);
  });
});
