// Resolves a step's resources for one trial to concrete numbers, with the
// documented defaults: 1 cpu, 1 GiB, no gpu, 1 hour.
import { UserError } from "../errors.ts";
import type { ResourceDefinition, TrialContext } from "../definition/types.ts";
import { checkCount, resolveMemoryMiB, resolveSeconds } from "../definition/validate.ts";
import { computeWith } from "./space-spec.ts";
import type { ResourceRequest } from "./types.ts";

export const DEFAULT_RESOURCES: ResourceRequest = {
  cpus: 1, memoryMiB: 1024, gpus: 0, walltimeSeconds: 3600,
};

export interface ResourceResolver {
  /** Same request for every trial (no function or expression involved). */
  readonly constant: boolean;
  resolve(trial: TrialContext): ResourceRequest;
}

export function resourceResolver(
  step: string, resources: ResourceDefinition, file?: string,
): ResourceResolver {
  const path = (field: string) => ["steps", step, "resources", field];
  const cpus = computeWith(resources.cpus ?? DEFAULT_RESOURCES.cpus, path("cpus"), file);
  const gpus = computeWith(resources.gpus ?? DEFAULT_RESOURCES.gpus, path("gpus"), file);
  const memory = computeWith(resources.memory ?? DEFAULT_RESOURCES.memoryMiB, path("memory"), file);
  const time = computeWith(resources.time ?? DEFAULT_RESOURCES.walltimeSeconds, path("time"), file);

  const checked = <T>(field: string, trial: TrialContext, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new UserError({
        code: "definition/invalid-resource", path: path(field),
        ...(file === undefined ? {} : { file }),
        message: `${error.message} (for ${JSON.stringify(trial)})`,
        fix: `make ${field} valid for every trial`,
      });
    }
  };

  const resolve = (trial: TrialContext): ResourceRequest => ({
    cpus: checked("cpus", trial, () => checkCount(cpus(trial), 1, "cpus")),
    memoryMiB: checked("memory", trial, () => resolveMemoryMiB(memory(trial) as string | number)),
    gpus: checked("gpus", trial, () => checkCount(gpus(trial), 0, "gpus")),
    walltimeSeconds: checked("time", trial, () => resolveSeconds(time(trial) as string | number)),
  });

  const constant = Object.values(resources)
    .every((value) => typeof value !== "function" && typeof value !== "object");
  return { constant, resolve };
}
