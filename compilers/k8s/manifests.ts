// The Kubernetes objects of a compiled sweep, as plain data: one ConfigMap
// with the tables and scripts, one Indexed Job per step.
import type { CompileOptions } from "../shared/options.ts";
import { taskResources, type StepLayout } from "../shared/task-layout.ts";
import { DRIVER_FILE } from "../shared/driver.ts";

/** Where the ConfigMap is mounted inside every pod. */
export const SCRIPTS_MOUNT = "/sweepforge/scripts";

export interface ManifestContext {
  readonly experiment: string;
  readonly configMapName: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly options: CompileOptions;
}

/** A DNS-1123 label: lowercase letters, digits and '-', at most `max` long. */
export function dnsName(text: string, max = 50): string {
  const name = text.toLowerCase().replaceAll(/[^a-z0-9-]+/g, "-")
    .replaceAll(/^-+|-+$/g, "").slice(0, max).replace(/-+$/, "");
  return name === "" ? "sweep" : name;
}

export function configMap(context: ManifestContext, data: Record<string, string>): object {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: metadata(context, context.configMapName),
    data,
  };
}

// The pod runs the shared task driver with its completion index as the task.
export function indexedJob(context: ManifestContext, layout: StepLayout): object {
  const tasks = layout.parts.reduce((sum, part) => sum + part.count, 0);
  const parallel = Math.min(context.options.bundleParallel, layout.bundleSize);
  const resources = taskResources(layout, parallel);
  const name = dnsName(`${context.experiment}-${layout.step.name}`);
  const quantities: Record<string, string> = { cpu: String(resources.cpus) };
  if (resources.memoryMiB > 0) quantities.memory = `${resources.memoryMiB}Mi`;
  const limits = resources.gpus > 0
    ? { ...quantities, "nvidia.com/gpu": String(resources.gpus) }
    : quantities;

  const driverCommand = `exec /bin/sh ${SCRIPTS_MOUNT}/${DRIVER_FILE} "$0" "$1" `
    + `"$JOB_COMPLETION_INDEX" ${parallel} k8s "$HOSTNAME"`;

  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: metadata(context, name, layout.step.name),
    spec: {
      completionMode: "Indexed",
      completions: tasks,
      parallelism: Math.min(context.options.maxParallel ?? tasks, tasks),
      backoffLimitPerIndex: layout.step.retries,
      template: {
        metadata: { labels: labels(context, layout.step.name) },
        spec: {
          restartPolicy: "Never",
          ...(resources.walltimeSeconds > 0
            ? { activeDeadlineSeconds: resources.walltimeSeconds }
            : {}),
          containers: [{
            name: "trials",
            image: context.options.kubernetes.image,
            command: ["/bin/sh", "-c", driverCommand, context.options.runDir,
              `${SCRIPTS_MOUNT}/${layout.step.name}.trials`],
            resources: { requests: quantities, limits },
            volumeMounts: [
              { name: "scripts", mountPath: SCRIPTS_MOUNT, readOnly: true },
              { name: "run-dir", mountPath: context.options.runDir },
            ],
          }],
          volumes: [
            { name: "scripts", configMap: { name: context.configMapName, defaultMode: 0o755 } },
            {
              name: "run-dir",
              persistentVolumeClaim: { claimName: context.options.kubernetes.volumeClaim },
            },
          ],
        },
      },
    },
  };
}

function metadata(context: ManifestContext, name: string, step?: string): object {
  return {
    name,
    ...(context.options.kubernetes.namespace
      ? { namespace: context.options.kubernetes.namespace }
      : {}),
    labels: labels(context, step),
    annotations: context.annotations,
  };
}

function labels(context: ManifestContext, step?: string): Record<string, string> {
  return {
    "app.kubernetes.io/managed-by": "sweepforge",
    "sweepforge.dev/experiment": dnsName(context.experiment, 63),
    ...(step === undefined ? {} : { "sweepforge.dev/step": dnsName(step, 63) }),
  };
}
