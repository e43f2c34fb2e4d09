// From a definition file and flags to a Plan plus complete CompileOptions:
// loads and compiles the definition, sets requests from past runs' estimates,
// probes the array cap and git state, and spells the regenerating command.
import { resolve } from "node:path";
import { COMPILE_DEFAULTS, type CompileOptions } from "../../compilers/shared/options.ts";
import { shQuote } from "../../compilers/shared/shell-quote.ts";
import { loadDefinition } from "../definition/index.ts";
import { compilePlan, materialisePlan } from "../plan/index.ts";
import type { Plan } from "../plan/types.ts";
import {
  describeEstimateBasis,
  type StepEstimateBasis,
} from "../schedule/estimate-basis.ts";
import { parseOffPeakPolicy, type OffPeakPolicy } from "../schedule/off-peak.ts";
import { VERSION } from "../version.ts";
import { estimatedPlan, type EstimateChoices } from "./estimated-plan.ts";
import { readArrayCap, readGitState } from "./probe.ts";

/** Everything a user may choose; unset fields take the documented defaults. */
export type CompileChoices = Partial<
  Omit<
    CompileOptions,
    "runDir" | "outDir" | "provenance" | "onlyTrials" | "estimateNotes"
  >
> & {
  readonly backend: CompileOptions["backend"];
  readonly runDir?: string;
  readonly outDir?: string;
  /** Default: on, from runs/<experiment> when that holds finished trials. */
  readonly estimate?: Partial<EstimateChoices>;
};

export interface Prepared {
  readonly plan: Plan;
  readonly options: CompileOptions;
  /** The definition's own off-peak policy, when it declares one. */
  readonly offPeak?: OffPeakPolicy;
  /** Per step, what the requests were estimated from; absent without history. */
  readonly estimate?: {
    readonly basis: readonly StepEstimateBasis[];
    readonly runs: readonly string[];
  };
}

/** Where `compile` puts the run when no --run-dir is given: stable, so recompiling is byte-identical. */
export function compiledRunDir(experiment: string): string {
  return `runs/${experiment}/compiled`;
}

export async function prepareCompile(
  definitionPath: string,
  choices: CompileChoices,
  context: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
  defaultRunDir: (experiment: string) => Promise<string> | string = compiledRunDir,
): Promise<Prepared> {
  const loaded = await loadDefinition(definitionPath, { cwd: context.cwd });
  // The probes wait on other processes, so they run while the plan is built.
  const gitProbe = readGitState(resolve(context.cwd, definitionPath));
  const capProbe =
    choices.arrayCap === undefined && choices.backend === "slurm"
      ? readArrayCap(context.env)
      : undefined;
  const estimateChoices: EstimateChoices = {
    enabled: choices.estimate?.enabled ?? true,
    history: choices.estimate?.history ?? [],
    ...(choices.estimate?.quantile === undefined
      ? {}
      : { quantile: choices.estimate.quantile }),
  };
  const estimated = await estimatedPlan(
    compilePlan(loaded),
    estimateChoices,
    context.cwd,
  );
  const { basis } = estimated;
  const plan = materialisePlan(estimated.plan);
  const runDir = resolve(
    context.cwd,
    choices.runDir ?? (await defaultRunDir(plan.experiment)),
  );
  const outDir = resolve(context.cwd, choices.outDir ?? `${runDir}/scripts`);
  const probedCap = await capProbe;

  const { estimate: _estimate, ...compileChoices } = choices;
  const settled: Omit<CompileOptions, "provenance"> = {
    ...COMPILE_DEFAULTS,
    ...withoutUndefined(compileChoices),
    ...(basis ? { estimateNotes: estimateNotes(basis) } : {}),
    backend: choices.backend,
    arrayCap: choices.arrayCap ?? probedCap ?? COMPILE_DEFAULTS.arrayCap,
    runDir,
    outDir,
  };
  const git = await gitProbe;
  const options: CompileOptions = {
    ...settled,
    provenance: {
      generatorVersion: VERSION,
      definitionPath: plan.definition.path,
      definitionHash: plan.definition.hash,
      planHash: plan.hash,
      ...(git ? { git } : {}),
      command: regenerateCommand(definitionPath, settled, estimateChoices),
    },
  };

  const rawPolicy = loaded.definition.offPeak;
  return {
    plan,
    options,
    ...(basis ? { estimate: { basis, runs: estimated.runs } } : {}),
    ...(rawPolicy === undefined
      ? {}
      : { offPeak: parseOffPeakPolicy(rawPolicy, plan.definition.path) }),
  };
}

function estimateNotes(basis: readonly StepEstimateBasis[]): Record<string, string> {
  return Object.fromEntries(
    basis.map((step) => [step.step, describeEstimateBasis(step)]),
  );
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}

// Flags in a fixed order, only those that differ from the defaults.
function regenerateCommand(
  definitionPath: string,
  options: Omit<CompileOptions, "provenance">,
  estimate: EstimateChoices,
): string {
  const words = [
    "sweepforge",
    "compile",
    definitionPath,
    "--backend",
    options.backend,
    "--run-dir",
    options.runDir,
  ];
  if (options.outDir !== `${options.runDir}/scripts`) words.push("--out", options.outDir);
  if (options.maxParallel !== undefined)
    words.push("--max-parallel", String(options.maxParallel));
  words.push("--array-cap", String(options.arrayCap));
  if (options.bundle !== COMPILE_DEFAULTS.bundle)
    words.push("--bundle", String(options.bundle));
  if (options.bundleParallel !== COMPILE_DEFAULTS.bundleParallel) {
    words.push("--bundle-parallel", String(options.bundleParallel));
  }
  if (options.taskLengthSeconds !== COMPILE_DEFAULTS.taskLengthSeconds) {
    words.push("--task-length", String(options.taskLengthSeconds));
  }
  for (const flag of ["partition", "account", "qos", "constraint"] as const) {
    const value = options[flag];
    if (value !== undefined) words.push(`--${flag}`, value);
  }
  for (const directive of options.extraDirectives ?? [])
    words.push("--directive", directive);
  if (!estimate.enabled) words.push("--no-estimate");
  for (const history of estimate.history) words.push("--history", history);
  if (estimate.quantile !== undefined)
    words.push("--quantile", String(estimate.quantile));
  if (options.backend === "pbs") words.push("--pbs-flavor", options.pbsFlavor);
  const k8s = options.kubernetes;
  if (k8s.image) words.push("--k8s-image", k8s.image);
  if (k8s.namespace) words.push("--k8s-namespace", k8s.namespace);
  if (k8s.volumeClaim) words.push("--k8s-volume-claim", k8s.volumeClaim);
  return words.map(shQuote).join(" ");
}
