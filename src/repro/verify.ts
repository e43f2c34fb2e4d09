// `sweepforge verify`: integrity of every file first; then re-execute the
// trials (all or a seeded sample) in a fresh folder from the package alone
// and compare them with what was packed; then report environment drift.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readPlanJson, type Plan } from "../plan/index.ts";
import { RUN_FILES } from "../record/layout.ts";
import type { TrialRecord } from "../record/trial-record.ts";
import {
  currentFacts,
  compareFacts,
  npmDependencyDrift,
  packagedFacts,
  pythonDependencyDrift,
  type DependencyDrift,
  type DriftRow,
} from "./drift.ts";
import { sha256OfFile } from "./hash.ts";
import { checkIntegrity, type IntegrityReport } from "./integrity.ts";
import type { Manifest } from "./manifest.ts";
import { PACKAGE_DIRS } from "./contents.ts";
import { withUnpacked } from "./provenance.ts";
import { readRunRecords } from "./records.ts";
import { reexecuteTrials } from "./reexecute.ts";
import { seededSample } from "./sample.ts";
import { toleranceLookup, type ToleranceOverrides } from "./tolerance-flags.ts";
import { judgeTrial, type TrialVerdict } from "./verdict.ts";

export interface VerifyOptions {
  /** How many trials to re-execute (default "all"). */
  readonly trials?: number | "all";
  /** Seed of the sample (default: the experiment's seed). */
  readonly sampleSeed?: number;
  readonly tolerances?: ToleranceOverrides;
  /** Environment drift fails verification. */
  readonly strict?: boolean;
  readonly jobs?: number;
  /** Folder whose node_modules is compared with the packaged lockfile (default cwd). */
  readonly projectDir?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface IntegritySummary {
  readonly ok: boolean;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly altered: readonly string[];
}

export interface VerifyReport {
  readonly package: string;
  readonly sha256: string;
  readonly experiment: string;
  readonly integrity: IntegritySummary;
  /** Trials in the package and how many were re-executed. */
  readonly trialCount: number;
  readonly trials: readonly TrialVerdict[];
  readonly drift: readonly DriftRow[];
  readonly dependencies: readonly DependencyDrift[];
  readonly strict: boolean;
  readonly reproduced: boolean;
  readonly ok: boolean;
}

/** Where trials run: the package's source root, or its top when it has no source. */
export function sourceRoot(dir: string, manifest: Manifest): string {
  return join(dir, manifest.sourceRoot ?? ".");
}

export function summarizeIntegrity(report: IntegrityReport): IntegritySummary {
  return {
    ok: report.ok,
    missing: report.missing,
    extra: report.extra,
    altered: report.altered,
  };
}

/** The verdict fields of a package refused before anything was re-executed. */
export function refusedForIntegrity(report: IntegrityReport) {
  return {
    trialCount: report.manifest.trials,
    trials: [],
    drift: [],
    dependencies: [],
    reproduced: false,
    ok: false,
  } as const;
}

/** Drift of the machine and of the packaged dependency versions. */
export async function environmentDrift(
  dir: string,
  projectDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ drift: DriftRow[]; dependencies: DependencyDrift[] }> {
  const read = (path: string): Promise<string | undefined> =>
    readFile(join(dir, path), "utf8").catch(() => undefined);
  const [envJson, lock, requirements] = await Promise.all([
    read(`${PACKAGE_DIRS.run}/${RUN_FILES.env}`),
    read(`${PACKAGE_DIRS.environment}/package-lock.json`),
    read(`${PACKAGE_DIRS.environment}/requirements.txt`),
  ]);

  const packaged = packagedFacts(envJson === undefined ? {} : JSON.parse(envJson));
  const drift = compareFacts(packaged, await currentFacts(env));
  const dependencies = [
    ...(lock === undefined ? [] : await npmDependencyDrift(lock, projectDir)),
    ...(requirements === undefined ? [] : await pythonDependencyDrift(requirements, env)),
  ];
  return { drift, dependencies };
}

/**
 * The verdict shared by verify and reproduce: each judged original against
 * its rerun, the environment's drift, and whether that is a success.
 */
export async function judgeRerun(
  plan: Plan,
  judged: readonly TrialRecord[],
  rerun: ReadonlyMap<string, TrialRecord>,
  facts: {
    readonly packageDir: string;
    readonly projectDir: string;
    readonly env: NodeJS.ProcessEnv;
    readonly tolerances: ToleranceOverrides;
    readonly strict: boolean;
  },
) {
  const toleranceOf = toleranceLookup(plan.metrics, facts.tolerances);
  const trials = judged.map((original) =>
    judgeTrial(original, rerun.get(original.trialId), toleranceOf),
  );
  const { drift, dependencies } = await environmentDrift(
    facts.packageDir,
    facts.projectDir,
    facts.env,
  );

  const reproduced = trials.every((t) => t.status === "reproduced");
  const drifted = drift.some((row) => row.drifted) || dependencies.length > 0;
  return {
    trials,
    drift,
    dependencies,
    reproduced,
    ok: reproduced && !(facts.strict && drifted),
  };
}

/** Verifies an unpacked package folder. */
export async function verifyUnpacked(
  dir: string,
  archive: string,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const sha256 = await sha256OfFile(archive);
  const integrity = await checkIntegrity(dir);
  const env = options.env ?? process.env;
  const strict = options.strict ?? false;
  const base = {
    package: archive,
    sha256,
    experiment: integrity.manifest.experiment,
    integrity: summarizeIntegrity(integrity),
    strict,
  };
  if (!integrity.ok) return { ...base, ...refusedForIntegrity(integrity) };

  const runDir = join(dir, PACKAGE_DIRS.run);
  const plan = await readPlanJson(join(runDir, RUN_FILES.plan));
  const originals = await readRunRecords(runDir);
  const chosen = seededSample(
    originals,
    options.trials ?? "all",
    options.sampleSeed ?? plan.seed,
  );

  const scratch = await mkdtemp(join(tmpdir(), "sweepforge-verify-"));
  try {
    const rerun = await reexecuteTrials(
      plan,
      chosen.map((r) => r.trialId),
      {
        runDir: join(scratch, "run"),
        workDir: sourceRoot(dir, integrity.manifest),
        env,
        ...(options.jobs ? { jobs: options.jobs } : {}),
      },
    );
    const verdict = await judgeRerun(plan, chosen, rerun, {
      packageDir: dir,
      projectDir: options.projectDir ?? process.cwd(),
      env,
      tolerances: options.tolerances ?? {},
      strict,
    });
    return { ...base, trialCount: originals.length, ...verdict };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Unpacks `archive` privately and verifies it. */
export async function verifyPackage(
  archive: string,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const path = resolve(archive);
  return withUnpacked(path, (dir) => verifyUnpacked(dir, path, options));
}
