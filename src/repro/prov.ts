// Exports a packaged run as W3C PROV-JSON: the sweep and each trial are
// activities, sweepforge and the hosts are agents, the plan, source, inputs
// and outputs are entities, linked by used / wasGeneratedBy /
// wasAssociatedWith / wasInformedBy, so provenance stores can ingest it.
import type { TrialRecord } from "../record/trial-record.ts";
import { VERSION } from "../version.ts";
import type { PackageContents } from "./contents.ts";
import type { PackagedFile } from "./manifest.ts";

export const PROV_PREFIXES = {
  prov: "http://www.w3.org/ns/prov#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  sf: "https://w3id.org/sweepforge/terms#",
  pkg: "urn:sweepforge:package:",
  host: "urn:sweepforge:host:",
} as const;

export interface ProvDocument {
  readonly prefix: Readonly<Record<string, string>>;
  readonly entity: Record<string, Record<string, unknown>>;
  readonly activity: Record<string, Record<string, unknown>>;
  readonly agent: Record<string, Record<string, unknown>>;
  readonly used: Record<string, Record<string, unknown>>;
  readonly wasGeneratedBy: Record<string, Record<string, unknown>>;
  readonly wasAssociatedWith: Record<string, Record<string, unknown>>;
  readonly wasInformedBy: Record<string, Record<string, unknown>>;
}

const entityId = (path: string): string => `pkg:${path}`;
const trialId = (record: TrialRecord): string => `sf:trial-${record.trialId}`;
const typed = (value: string | number | boolean): unknown =>
  typeof value === "string" ? value
    : { $: String(value), type: typeof value === "boolean" ? "xsd:boolean" : "xsd:double" };

/** Builds a PROV-JSON document for the packaged run. */
export function buildProv(contents: PackageContents, files: readonly PackagedFile[]): ProvDocument {
  const doc: ProvDocument = {
    prefix: { ...PROV_PREFIXES }, entity: {}, activity: {}, agent: {}, used: {},
    wasGeneratedBy: {}, wasAssociatedWith: {}, wasInformedBy: {},
  };
  let relation = 0;
  const next = (): string => `_:r${(relation += 1)}`;

  for (const file of files) {
    doc.entity[entityId(file.path)] = {
      "prov:type": "sf:File", "prov:label": file.path,
      "sf:sha256": file.sha256, "sf:size": { $: String(file.size), type: "xsd:long" },
    };
  }
  const planEntity = entityId("run/plan.json");
  doc.entity[planEntity] = { ...doc.entity[planEntity], "prov:type": "prov:Plan",
    "sf:planHash": contents.plan.hash };

  doc.agent["sf:sweepforge"] = { "prov:type": "prov:SoftwareAgent", "prov:label": "sweepforge",
    "sf:version": VERSION };
  doc.activity["sf:sweep"] = { "prov:label": `sweep ${contents.plan.experiment}`,
    "sf:seed": typed(contents.plan.seed) };
  doc.wasAssociatedWith[next()] = { "prov:activity": "sf:sweep", "prov:agent": "sf:sweepforge",
    "prov:plan": planEntity };
  for (const path of contents.definition ? [contents.definition] : []) {
    doc.used[next()] = { "prov:activity": "sf:sweep", "prov:entity": entityId(path) };
  }
  for (const path of contents.inputs.flatMap((input) => input.paths)) {
    doc.used[next()] = { "prov:activity": "sf:sweep", "prov:entity": entityId(path) };
  }

  const byTrial = new Map<string, PackagedFile[]>();
  for (const file of files) {
    const match = /^run\/trials\/([^/]+)\//.exec(file.path);
    if (match) byTrial.set(match[1] as string, [...(byTrial.get(match[1] as string) ?? []), file]);
  }

  for (const record of contents.records) {
    const activity = trialId(record);
    const params = Object.fromEntries(
      Object.entries(record.params).map(([name, value]) => [`sf:param-${name}`, typed(value)]));
    doc.activity[activity] = {
      "prov:startTime": record.startedAt, "prov:endTime": record.endedAt,
      "prov:label": `trial ${record.trialId} of step ${record.step}`,
      "sf:status": record.status, "sf:seed": typed(record.seed), ...params,
    };
    const host = `host:${record.host}`;
    doc.agent[host] = { "prov:type": "prov:SoftwareAgent", "prov:label": record.host };
    doc.wasAssociatedWith[next()] = { "prov:activity": activity, "prov:agent": host,
      "prov:plan": planEntity };
    doc.wasInformedBy[next()] = { "prov:informed": activity, "prov:informant": "sf:sweep" };
    doc.used[next()] = { "prov:activity": activity, "prov:entity": planEntity };

    for (const file of byTrial.get(record.trialId) ?? []) {
      if (file.path.endsWith("/params.json")) continue;
      doc.wasGeneratedBy[next()] = { "prov:entity": entityId(file.path),
        "prov:activity": activity, "prov:time": record.endedAt };
    }
  }
  return doc;
}
