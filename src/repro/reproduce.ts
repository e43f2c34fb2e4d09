// `sweepforge reproduce`: unpack a package into a new folder and rerun the
// whole experiment there as a new run, linked to the package it came from
// (reproduced-from.json names the package's sha256), then compare every
// trial as `verify` does.
import { writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { readPlanJson } from "../plan/index.ts";
import { RUN_FILES } from "../record/layout.ts";
import { PACKAGE_DIRS } from "./contents.ts";
import { sha256OfFile } from "./hash.ts";
import { checkIntegrity } from "./integrity.ts";
import { PACKAGE_SUFFIX } from "./pack.ts";
import { readRunRecords } from "./records.ts";
import { reexecuteTrials } from "./reexecute.ts";
import { unpackArchive } from "./unpack.ts";
import {
  judgeRerun,
  refusedForIntegrity,
  sourceRoot,
  summarizeIntegrity,
  type VerifyOptions,
  type VerifyReport,
} from "./verify.ts";

export const REPRODUCTION_DIR = "reproduction";
export const REPRODUCED_FROM_FILE = "reproduced-from.json";

export interface ReproduceOptions extends Omit<VerifyOptions, "trials" | "sampleSeed"> {
  /** New folder for the unpacked package and the new run (default beside cwd). */
  readonly out?: string;
  readonly cwd?: string;
}

export interface ReproduceReport extends VerifyReport {
  readonly directory: string;
  readonly runDir: string;
}

function defaultOut(archive: string): string {
  const name = basename(archive)
    .replace(PACKAGE_SUFFIX, "")
    .replace(/\.tar\.gz$|\.tgz$/, "");
  return `${name}-reproduced`;
}

/** Unpacks `archive` into `out`, reruns every trial and compares. */
export async function reproducePackage(
  archive: string,
  options: ReproduceOptions = {},
): Promise<ReproduceReport> {
  const cwd = options.cwd ?? process.cwd();
  const path = resolve(cwd, archive);
  const directory = resolve(cwd, options.out ?? defaultOut(path));
  await unpackArchive(path, directory);

  const sha256 = await sha256OfFile(path);
  const integrity = await checkIntegrity(directory);
  const runDir = join(directory, REPRODUCTION_DIR);
  const strict = options.strict ?? false;
  const base = {
    package: path,
    sha256,
    experiment: integrity.manifest.experiment,
    directory,
    runDir,
    strict,
    integrity: summarizeIntegrity(integrity),
  };
  if (!integrity.ok) return { ...base, ...refusedForIntegrity(integrity) };

  const packagedRun = join(directory, PACKAGE_DIRS.run);
  const plan = await readPlanJson(join(packagedRun, RUN_FILES.plan));
  const originals = await readRunRecords(packagedRun);
  const rerun = await reexecuteTrials(
    plan,
    originals.map((r) => r.trialId),
    {
      runDir,
      workDir: sourceRoot(directory, integrity.manifest),
      captureEnvironment: true,
      env: options.env ?? process.env,
      ...(options.jobs ? { jobs: options.jobs } : {}),
    },
  );
  await writeFile(
    join(runDir, REPRODUCED_FROM_FILE),
    `${JSON.stringify(
      {
        package: path,
        packageSha256: sha256,
        planHash: plan.hash,
        experiment: plan.experiment,
      },
      null,
      2,
    )}\n`,
  );

  const verdict = await judgeRerun(plan, originals, rerun, {
    packageDir: directory,
    projectDir: options.projectDir ?? cwd,
    env: options.env ?? process.env,
    tolerances: options.tolerances ?? {},
    strict,
  });
  return { ...base, trialCount: originals.length, ...verdict };
}
