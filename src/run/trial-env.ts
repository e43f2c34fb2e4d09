// The environment of one trial per the trial protocol (DESIGN.md): its id,
// index, seed, parameters as JSON and one variable per parameter, plus the
// step's own variables and the GPUs it was given.
import type { TrialSpec } from "../plan/types.ts";
import { UserError } from "../errors.ts";
import { isEnvName, paramEnvName } from "./shell-quote.ts";

export function trialEnvironment(
  spec: TrialSpec, attempt: number, gpuIds: readonly string[] | null,
): (readonly [string, string])[] {
  const pairs: (readonly [string, string])[] = [
    ["SWEEPFORGE_TRIAL_ID", spec.id],
    ["SWEEPFORGE_TRIAL_INDEX", String(spec.index)],
    ["SWEEPFORGE_STEP", spec.step],
    ["SWEEPFORGE_REPLICATE", String(spec.replicate)],
    ["SWEEPFORGE_SEED", String(spec.seed)],
    ["SWEEPFORGE_ATTEMPT", String(attempt)],
    ["SWEEPFORGE_PARAMS", JSON.stringify(spec.params)],
  ];
  for (const [name, value] of Object.entries(spec.params)) {
    pairs.push([paramEnvName(name), String(value)]);
  }
  for (const name of Object.keys(spec.env).sort()) pairs.push([name, spec.env[name] as string]);
  if (gpuIds) pairs.push(["CUDA_VISIBLE_DEVICES", gpuIds.join(",")]);
  return pairs;
}

/** Rejects environment names a shell could not export (checked before anything runs). */
export function checkEnvNames(specs: Iterable<TrialSpec>): void {
  const bad = new Set<string>();
  for (const spec of specs) {
    for (const name of Object.keys(spec.env)) if (!isEnvName(name)) bad.add(`${spec.step}:${name}`);
  }
  if (bad.size === 0) return;

  throw new UserError([...bad].map((entry) => {
    const [step = "", name = ""] = entry.split(/:(.*)/s);
    return {
      code: "run/bad-env-name",
      message: `environment variable name ${JSON.stringify(name)} is not valid`,
      path: ["steps", step, "env", name],
      fix: "use letters, digits and underscores, not starting with a digit",
    };
  }));
}
