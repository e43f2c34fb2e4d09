// Describes a packaged run as an RO-Crate (1.1) following the Workflow Run
// Crate profile, so tools that know nothing of sweepforge can read it: the
// experiment definition is the ComputationalWorkflow, each step a
// SoftwareApplication, the sweep one CreateAction and every trial a
// CreateAction of its step with its parameter values and results.
import type { TrialRecord } from "../record/trial-record.ts";
import { VERSION } from "../version.ts";
import type { PackageContents } from "./contents.ts";
import type { PackagedFile } from "./manifest.ts";

export const RO_CRATE_FILE = "ro-crate-metadata.json";

export const CRATE_PROFILES = {
  crate: "https://w3id.org/ro/crate/1.1",
  processRun: "https://w3id.org/ro/wfrun/process/0.5",
  workflowRun: "https://w3id.org/ro/wfrun/workflow/0.5",
  workflowCrate: "https://w3id.org/workflowhub/workflow-ro-crate/1.0",
} as const;

const CONTEXT = [
  "https://w3id.org/ro/crate/1.1/context",
  "https://w3id.org/ro/terms/workflow-run",
];
const FORMAL_PARAMETER_PROFILE =
  "https://bioschemas.org/profiles/FormalParameter/1.0-RELEASE";

type Entity = Record<string, unknown> & { readonly "@id": string };
const ref = (id: string): { "@id": string } => ({ "@id": id });

const ADDITIONAL_TYPE: Record<string, string> = {
  numeric: "Float",
  integer: "Integer",
  categorical: "Text",
  boolean: "Boolean",
};

function fileEntity(file: PackagedFile): Entity {
  return {
    "@id": file.path,
    "@type": "File",
    contentSize: String(file.size),
    sha256: file.sha256,
  };
}

function parameterEntities(contents: PackageContents): Entity[] {
  const params = contents.plan.params.map(
    (param): Entity => ({
      "@id": `#param-${param.name}`,
      "@type": "FormalParameter",
      conformsTo: ref(FORMAL_PARAMETER_PROFILE),
      additionalType: ADDITIONAL_TYPE[param.kind] ?? "Text",
      name: param.name,
      valueRequired: true,
    }),
  );
  const metrics = contents.plan.metrics.map(
    (metric): Entity => ({
      "@id": `#metric-${metric.name}`,
      "@type": "FormalParameter",
      conformsTo: ref(FORMAL_PARAMETER_PROFILE),
      additionalType: "Float",
      name: metric.name,
    }),
  );
  return [...params, ...metrics];
}

/** Output files per trial id, from "run/trials/<id>/output/…" paths. */
export function outputsByTrial(files: readonly PackagedFile[]): Map<string, string[]> {
  const byTrial = new Map<string, string[]>();
  for (const { path } of files) {
    const match = /^run\/trials\/([^/]+)\/output\//.exec(path);
    if (!match) continue;
    const list = byTrial.get(match[1] as string) ?? [];
    list.push(path);
    byTrial.set(match[1] as string, list);
  }
  return byTrial;
}

function trialEntities(record: TrialRecord, outputFiles: readonly string[]): Entity[] {
  const base = `#trial-${record.trialId}`;
  const values = Object.entries(record.params).map(
    ([name, value]): Entity => ({
      "@id": `${base}-param-${name}`,
      "@type": "PropertyValue",
      exampleOfWork: ref(`#param-${name}`),
      name,
      value,
    }),
  );
  const metrics = Object.entries(record.metrics)
    .filter(([, value]) => ["number", "string", "boolean"].includes(typeof value))
    .map(
      ([name, value]): Entity => ({
        "@id": `${base}-metric-${name}`,
        "@type": "PropertyValue",
        exampleOfWork: ref(`#metric-${name}`),
        name,
        value,
      }),
    );

  const action: Entity = {
    "@id": base,
    "@type": "CreateAction",
    name: `trial ${record.trialId} of step ${record.step}`,
    instrument: ref(`#step-${record.step}`),
    object: values.map((value) => ref(value["@id"])),
    result: [...outputFiles.map(ref), ...metrics.map((metric) => ref(metric["@id"]))],
    startTime: record.startedAt,
    endTime: record.endedAt,
    actionStatus:
      record.status === "succeeded" ? "CompletedActionStatus" : "FailedActionStatus",
    ...(record.status === "succeeded" ? {} : { error: `trial ${record.status}` }),
  };
  return [action, ...values, ...metrics];
}

function bounds(records: readonly TrialRecord[]): { start?: string; end?: string } {
  if (records.length === 0) return {};
  const starts = records.map((r) => r.startedAt).sort();
  const ends = records.map((r) => r.endedAt).sort();
  return { start: starts[0], end: ends[ends.length - 1] };
}

/** Builds the crate for `contents`; `files` are every packaged file but the manifest. */
export function buildRoCrate(
  contents: PackageContents,
  files: readonly PackagedFile[],
): object {
  const { plan, records } = contents;
  const outputs = outputsByTrial(files);
  const { start, end } = bounds(records);
  const workflowId = contents.definition ?? "run/plan.json";
  const formal = parameterEntities(contents);
  const inputPaths = contents.inputs.flatMap((input) => input.paths);
  const outputPaths = [...outputs.values()].flat().sort();

  const descriptor: Entity = {
    "@id": RO_CRATE_FILE,
    "@type": "CreativeWork",
    conformsTo: [ref(CRATE_PROFILES.crate), ref(CRATE_PROFILES.workflowCrate)],
    about: ref("./"),
  };
  const root: Entity = {
    "@id": "./",
    "@type": "Dataset",
    name: `sweepforge run of ${plan.experiment}`,
    description:
      `Parameter sweep '${plan.experiment}': ${records.length} trial records, ` +
      `plan ${plan.hash}.`,
    ...(end ? { datePublished: end } : {}),
    license: ref("https://spdx.org/licenses/CC-BY-4.0"),
    conformsTo: [
      CRATE_PROFILES.processRun,
      CRATE_PROFILES.workflowRun,
      CRATE_PROFILES.workflowCrate,
    ].map(ref),
    mainEntity: ref(workflowId),
    hasPart: files.map((file) => ref(file.path)),
    mentions: [
      ref("#sweep"),
      ...records.map((record) => ref(`#trial-${record.trialId}`)),
    ],
  };
  const workflow: Entity = {
    "@id": workflowId,
    "@type": ["File", "SoftwareSourceCode", "ComputationalWorkflow", "HowTo"],
    name: plan.experiment,
    programmingLanguage: ref("#sweepforge-language"),
    input: plan.params.map((param) => ref(`#param-${param.name}`)),
    output: plan.metrics.map((metric) => ref(`#metric-${metric.name}`)),
    step: plan.steps.map((step, position) => ref(`#howto-step-${position}`)),
    ...fileFields(workflowId, files),
  };
  const steps = plan.steps.flatMap((step, position): Entity[] => [
    { "@id": `#step-${step.name}`, "@type": "SoftwareApplication", name: step.name },
    {
      "@id": `#howto-step-${position}`,
      "@type": "HowToStep",
      position: String(position),
      workExample: ref(`#step-${step.name}`),
    },
  ]);
  const language: Entity = {
    "@id": "#sweepforge-language",
    "@type": "ComputerLanguage",
    name: "sweepforge experiment",
    url: ref("https://github.com/sweepforge/sweepforge"),
    version: plan.generator.version,
  };
  const engine: Entity = {
    "@id": "#sweepforge",
    "@type": "SoftwareApplication",
    name: "sweepforge",
    version: VERSION,
  };
  const seed: Entity = {
    "@id": "#experiment-seed",
    "@type": "PropertyValue",
    name: "seed",
    value: plan.seed,
  };
  const sweep: Entity = {
    "@id": "#sweep",
    "@type": "CreateAction",
    name: `sweep ${plan.experiment}`,
    instrument: ref(workflowId),
    agent: ref("#sweepforge"),
    object: [ref("#experiment-seed"), ...inputPaths.map(ref)],
    result: outputPaths.map(ref),
    ...(start ? { startTime: start } : {}),
    ...(end ? { endTime: end } : {}),
    actionStatus: records.every((r) => r.status === "succeeded")
      ? "CompletedActionStatus"
      : "FailedActionStatus",
  };

  const fileEntities = files.filter((file) => file.path !== workflowId).map(fileEntity);
  const trials = records.flatMap((record) =>
    trialEntities(record, outputs.get(record.trialId) ?? []),
  );
  return {
    "@context": CONTEXT,
    "@graph": [
      descriptor,
      root,
      workflow,
      language,
      engine,
      ...steps,
      ...formal,
      seed,
      sweep,
      ...trials,
      ...fileEntities,
    ],
  };
}

function fileFields(id: string, files: readonly PackagedFile[]): Record<string, unknown> {
  const file = files.find((candidate) => candidate.path === id);
  return file ? { contentSize: String(file.size), sha256: file.sha256 } : {};
}
