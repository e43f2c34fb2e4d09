// What every compiler is told besides the Plan. Parsed from CLI flags with zod
// in src/cli/commands/compile.ts; library callers build it directly.
import { z } from "zod";
import type { Provenance } from "./provenance.ts";

export const BACKENDS = ["slurm", "pbs", "k8s", "local"] as const;
export const Backend = z.enum(BACKENDS);
export type Backend = z.infer<typeof Backend>;

export const PbsFlavor = z.enum(["pro", "torque"]);
export type PbsFlavor = z.infer<typeof PbsFlavor>;

/** SLURM's default MaxArraySize: the highest array index is one less. */
export const DEFAULT_ARRAY_CAP = 1001;

/** Bundles aim for array tasks about this long when `bundle` is "auto". */
export const DEFAULT_TASK_LENGTH_SECONDS = 1800;

export interface KubernetesOptions {
  /** Container image with sh and the user's tools; required for k8s. */
  readonly image?: string;
  readonly namespace?: string;
  /** PersistentVolumeClaim that holds the run directory. */
  readonly volumeClaim?: string;
}

export interface CompileOptions {
  readonly backend: Backend;
  /** Absolute run directory as compute nodes see it. */
  readonly runDir: string;
  /** Absolute folder the artifacts are written to (default <runDir>/scripts). */
  readonly outDir: string;
  /** Array tasks of one array allowed to run at once (%N). */
  readonly maxParallel?: number;
  /** Largest array size the scheduler accepts (MaxArraySize). */
  readonly arrayCap: number;
  /** Trials per array task, or "auto" from walltime and taskLengthSeconds. */
  readonly bundle: number | "auto";
  /** Trials of one bundle run at once inside the task (1 = sequential). */
  readonly bundleParallel: number;
  readonly taskLengthSeconds: number;
  readonly partition?: string;
  readonly account?: string;
  readonly qos?: string;
  readonly constraint?: string;
  readonly extraDirectives?: readonly string[];
  readonly pbsFlavor: PbsFlavor;
  readonly kubernetes: KubernetesOptions;
  /**
   * Per step name, the one-line account of the estimate behind its requests
   * (model, samples, margin), written as a comment into that step's artifacts.
   */
  readonly estimateNotes?: Readonly<Record<string, string>>;
  /** When set, only these trial ids are compiled (resume). */
  readonly onlyTrials?: ReadonlySet<string>;
  readonly provenance: Provenance;
}

/** Defaults for everything but the paths, backend and provenance. */
export const COMPILE_DEFAULTS = {
  arrayCap: DEFAULT_ARRAY_CAP,
  bundle: "auto",
  bundleParallel: 1,
  taskLengthSeconds: DEFAULT_TASK_LENGTH_SECONDS,
  pbsFlavor: "pro",
  kubernetes: {},
} as const satisfies Partial<CompileOptions>;
