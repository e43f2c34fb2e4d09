// Kubernetes: a ConfigMap holding the trial tables and scripts, and one
// Indexed Job per step whose pods run the shared task driver with the run
// directory on a declared PersistentVolumeClaim. Jobs cannot depend on each
// other, so a dependent step is applied by apply.sh after its parents finish.
import { stringify } from "yaml";
import { UserError, type Problem } from "../../src/errors.ts";
import type { Plan } from "../../src/plan/types.ts";
import type { ArtifactFile, CompileResult } from "../shared/artifacts.ts";
import { driverFiles } from "../shared/driver.ts";
import type { CompileOptions } from "../shared/options.ts";
import {
  commentBlock,
  estimateComment,
  provenanceAnnotations,
} from "../shared/provenance.ts";
import { shQuote } from "../shared/shell-quote.ts";
import { layoutPlan, type StepLayout } from "../shared/task-layout.ts";
import { renderTrialTable } from "../shared/trial-table.ts";
import { render } from "../shared/templates.ts";
import { configMap, dnsName, indexedJob, type ManifestContext } from "./manifests.ts";

/** The API server refuses ConfigMaps over 1 MiB. */
export const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

/** Indexed Jobs allow at most this many completions. */
export const MAX_COMPLETIONS = 100_000;

export function compileK8s(plan: Plan, options: CompileOptions): CompileResult {
  requireKubernetesOptions(plan, options);
  const layouts = layoutPlan(plan, { ...options, arrayCap: MAX_COMPLETIONS }).filter(
    (layout) => layout.rows.length > 0,
  );
  const header = commentBlock(options.provenance);
  const context: ManifestContext = {
    experiment: plan.experiment,
    configMapName: dnsName(`${plan.experiment}-scripts`),
    annotations: provenanceAnnotations(options.provenance),
    options,
  };

  const data: Record<string, string> = {};
  for (const file of driverFiles(options)) data[file.path] = file.content;
  for (const layout of layouts)
    data[`${layout.step.name}.trials`] = renderTrialTable(layout);
  checkSizes(plan, layouts, data);

  const files: ArtifactFile[] = [
    yamlFile("configmap.yaml", header, configMap(context, data)),
    ...layouts.map((layout) =>
      yamlFile(
        `job-${layout.step.name}.yaml`,
        withEstimate(header, options, layout),
        indexedJob(context, layout),
      ),
    ),
    applyScript(header, layouts),
  ];
  return {
    files: files.sort((a, b) => a.path.localeCompare(b.path)),
    jobs: [],
    notes: layouts
      .filter((layout) => layout.step.dependsOn.length > 0)
      .map(
        (layout) =>
          `step "${layout.step.name}" starts after its parents' Jobs ` +
          "complete as a whole (apply.sh waits; Jobs have no per-index dependency)",
      ),
  };
}

function requireKubernetesOptions(plan: Plan, options: CompileOptions): void {
  const problems: Problem[] = [];
  if (!options.kubernetes.image) {
    problems.push({
      code: "compile/k8s-image-missing",
      message: "Kubernetes needs a container image that has sh and the trial's tools",
      file: plan.definition.path,
      fix: "pass --k8s-image IMAGE (for example python:3.11-slim)",
    });
  }
  if (!options.kubernetes.volumeClaim) {
    problems.push({
      code: "compile/k8s-volume-missing",
      message: "Kubernetes needs a PersistentVolumeClaim to hold the run directory",
      file: plan.definition.path,
      fix: "pass --k8s-volume-claim NAME (a ReadWriteMany claim in the namespace)",
    });
  }
  if (problems.length > 0) throw new UserError(problems);
}

function checkSizes(
  plan: Plan,
  layouts: readonly StepLayout[],
  data: Record<string, string>,
): void {
  const bytes = Object.values(data).reduce(
    (sum, text) => sum + Buffer.byteLength(text),
    0,
  );
  if (bytes <= CONFIGMAP_LIMIT_BYTES) return;

  const trials = layouts.reduce((sum, layout) => sum + layout.rows.length, 0);
  throw new UserError({
    code: "compile/k8s-configmap-too-large",
    message:
      `the trial tables of ${trials} trials take ${bytes} bytes; a ConfigMap ` +
      `holds at most ${CONFIGMAP_LIMIT_BYTES}`,
    file: plan.definition.path,
    fix: "split the sweep into smaller experiments, or run it with --backend slurm",
  });
}

// The step's estimate line (model, samples, margin) under the provenance.
function withEstimate(
  header: string,
  options: CompileOptions,
  layout: StepLayout,
): string {
  const line = estimateComment(options, layout.step.name);
  return line === "" ? header : `${header}\n${line}`;
}

function yamlFile(path: string, header: string, manifest: object): ArtifactFile {
  const body = stringify(manifest, {
    sortMapEntries: true,
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
  return { path, content: `${header}\n${body}`, executable: false };
}

function applyScript(header: string, layouts: readonly StepLayout[]): ArtifactFile {
  const steps = layouts.map((layout) => ({
    name: layout.step.name,
    manifest: shQuote(`job-${layout.step.name}.yaml`),
    waitsFor: layout.step.dependsOn
      .filter((dependency) =>
        layouts.some((other) => other.step.name === dependency.step),
      )
      .map((dependency) => shQuote(`job-${dependency.step}.yaml`)),
  }));
  const content = render("k8s/apply.sh.hbs", { provenance: header, steps });
  return { path: "apply.sh", content, executable: true };
}
