// Decides what goes into a package and hashes it: the run directory under
// run/, the experiment source under source/, lockfiles and environment
// exports under environment/, small inputs under inputs/. Anything too large
// to include is referenced by location, size and sha256; nothing is dropped.
import { readFileSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from "node:path";
import type { TrialRecord } from "../record/trial-record.ts";
import { RUN_FILES } from "../record/layout.ts";
import { captureEnvironmentFiles, findLockfile } from "./environment.ts";
import { sha256OfBytes, sha256OfFile } from "./hash.ts";
import type { PackagedFile, ReferencedFile } from "./manifest.ts";
import { mapLimited } from "./pool.ts";
import { readRunRecords } from "./records.ts";
import { planTrials, readPackagedPlan, type PackagedPlan } from "./run-plan.ts";
import { experimentSourceFiles } from "./source-graph.ts";
import { walkFiles } from "./walk.ts";

export const PACKAGE_DIRS = {
  run: "run",
  source: "source",
  environment: "environment",
  inputs: "inputs",
} as const;

/** One file of the package with its hash, read from disk or generated. */
export interface PackageItem extends PackagedFile {
  readonly content: { readonly file: string } | { readonly bytes: Buffer };
}

export interface InputEntry {
  readonly name: string;
  readonly location: string;
  /** Package paths of the inlined files (empty when referenced). */
  readonly paths: readonly string[];
}

export interface PackageContents {
  readonly runDir: string;
  readonly plan: PackagedPlan;
  readonly records: readonly TrialRecord[];
  /** Sorted by path. */
  readonly items: readonly PackageItem[];
  readonly references: readonly ReferencedFile[];
  /** The definition's path inside the package, or null for inline definitions. */
  readonly definition: string | null;
  /** The folder inside the package that stands for the plan's working directory. */
  readonly sourceRoot: string | null;
  readonly inputs: readonly InputEntry[];
  readonly policy: {
    readonly inlineInputBytes: number;
    readonly inlineOutputBytes: number;
  };
  /** Things a user should know about the package (e.g. a changed definition). */
  readonly warnings: readonly string[];
}

export interface ContentsOptions {
  readonly cwd?: string;
  /** Where the definition is when plan.json's relative path does not resolve. */
  readonly definitionPath?: string;
  /** Inputs up to this size are copied in (default 16 MiB). */
  readonly inlineInputBytes?: number;
  /** Trial outputs and logs up to this size are copied in (default 64 MiB). */
  readonly inlineOutputBytes?: number;
  /** Probe pip, conda, modules and containers (default true). */
  readonly probeEnvironment?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

export const DEFAULT_INLINE_INPUT_BYTES = 16 * 1024 ** 2;
export const DEFAULT_INLINE_OUTPUT_BYTES = 64 * 1024 ** 2;

/** Files up to this size are read once and kept in memory for the archive. */
const KEEP_IN_MEMORY_BYTES = 4 * 1024 ** 2;

interface Candidate {
  readonly path: string;
  readonly file: string;
  /** Size above which the file is referenced instead of included. */
  readonly inlineLimit: number;
  readonly limitName: string;
}

const toPosix = (path: string): string => path.split(sep).join("/");

/**
 * Hashes a candidate; small files keep their bytes for the archive. Small
 * files are read synchronously: for thousands of tiny records that is several
 * times faster than a round trip through the thread pool per system call.
 */
async function hashCandidate(
  candidate: Candidate,
): Promise<PackageItem | ReferencedFile> {
  const { size } = statSync(candidate.file);

  if (size > candidate.inlineLimit) {
    return {
      path: candidate.path,
      location: candidate.file,
      size,
      sha256: await sha256OfFile(candidate.file),
      reason: `larger than ${candidate.limitName} (${candidate.inlineLimit} bytes): hash only`,
    };
  }
  if (size <= KEEP_IN_MEMORY_BYTES) {
    const bytes = readFileSync(candidate.file);
    return {
      path: candidate.path,
      size: bytes.length,
      sha256: sha256OfBytes(bytes),
      content: { bytes },
    };
  }
  return {
    path: candidate.path,
    size,
    sha256: await sha256OfFile(candidate.file),
    content: { file: candidate.file },
  };
}

/** Trial outputs and logs follow the output policy; everything else is always kept. */
function isBulkyRunFile(relativePath: string): boolean {
  const parts = relativePath.split("/");
  if (parts[0] !== RUN_FILES.trials || parts.length < 3) return false;
  if (parts[2] === "stdout.log" || parts[2] === "stderr.log") return true;
  const inOutput = parts[2] === "output" && parts.length > 3;
  return (
    inOutput &&
    !(
      parts.length === 4 &&
      ["metrics.json", "progress.jsonl"].includes(parts[3] as string)
    )
  );
}

async function runCandidates(
  runDir: string,
  outputLimit: number,
): Promise<{
  candidates: Candidate[];
  warnings: string[];
}> {
  const walked = await walkFiles(runDir);
  const candidates = walked.files.map((path) => {
    const bulky = isBulkyRunFile(path);
    return {
      path: `${PACKAGE_DIRS.run}/${path}`,
      file: join(runDir, path),
      inlineLimit: bulky ? outputLimit : Number.POSITIVE_INFINITY,
      limitName: "the output inline limit",
    };
  });
  const warnings = walked.special.map(
    (path) =>
      `run/${path} is not a regular file (symlink or special file) and was not packed`,
  );
  return { candidates, warnings };
}

function commonDir(paths: readonly string[]): string {
  let common = paths[0] as string;
  for (const path of paths) {
    while (
      !(path === common || path.startsWith(common + sep) || common === dirname(common))
    ) {
      common = dirname(common);
    }
  }
  return common;
}

/** The definition file and the folder its plan-time relative paths resolve against. */
interface LocatedDefinition {
  readonly file: string;
  /** The working directory of the original plan: argv paths are relative to it. */
  readonly root: string;
}

const isFileAt = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

async function locateDefinition(
  plan: PackagedPlan,
  runDir: string,
  options: ContentsOptions,
): Promise<LocatedDefinition | undefined> {
  if (plan.definition.format === "inline") return undefined;
  const cwd = resolve(options.cwd ?? process.cwd());
  const planned = plan.definition.path;
  const relativePlanned = !isAbsolute(planned);

  if (options.definitionPath) {
    const file = resolve(cwd, options.definitionPath);
    const suffix = `${sep}${normalize(planned)}`;
    const root =
      relativePlanned && file.endsWith(suffix)
        ? file.slice(0, -suffix.length)
        : dirname(file);
    return (await isFileAt(file)) ? { file, root } : undefined;
  }

  for (const base of [cwd, resolve(runDir, "..")]) {
    const file = resolve(base, planned);
    if (await isFileAt(file))
      return { file, root: relativePlanned ? base : dirname(file) };
  }
  return undefined;
}

/** Words of the trials' commands that name files under the plan's working directory. */
async function commandFiles(plan: PackagedPlan, root: string): Promise<string[]> {
  const words = new Set<string>();
  for (const trial of planTrials(plan)) {
    for (const word of trial.argv.flatMap((arg) => arg.split(/[\s;|&<>()'"`=,]+/))) {
      const plausible =
        word !== "" &&
        !word.startsWith("-") &&
        !isAbsolute(word) &&
        !/[$*?{}]/.test(word) &&
        word.length < 512;
      if (plausible && words.size < 10_000) words.add(word);
    }
  }

  const found = await mapLimited([...words], 32, async (word) => {
    const file = resolve(root, word);
    const inside = file.startsWith(root + sep);
    return inside && (await isFileAt(file)) ? file : undefined;
  });
  return found.filter((file): file is string => file !== undefined);
}

async function sourceCandidates(
  plan: PackagedPlan,
  located: LocatedDefinition,
): Promise<{
  candidates: Candidate[];
  definition: string;
  sourceRoot: string;
}> {
  const imported = await experimentSourceFiles(located.file);
  const files = [
    ...new Set([...imported, ...(await commandFiles(plan, located.root))]),
  ].sort();
  const root = commonDir([located.root, ...files]);
  const packagePath = (path: string): string =>
    [PACKAGE_DIRS.source, toPosix(relative(root, path))].filter(Boolean).join("/");
  return {
    candidates: files.map((file) => ({
      path: packagePath(file),
      file,
      inlineLimit: Number.POSITIVE_INFINITY,
      limitName: "",
    })),
    definition: packagePath(located.file),
    sourceRoot: packagePath(located.root),
  };
}

const isUri = (location: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(location);

async function inputCandidates(
  plan: PackagedPlan,
  baseDir: string,
  limit: number,
): Promise<{ candidates: Candidate[]; remote: ReferencedFile[]; inputs: InputEntry[] }> {
  const candidates: Candidate[] = [];
  const remote: ReferencedFile[] = [];
  const inputs: InputEntry[] = [];

  for (const input of plan.inputs) {
    const prefix = `${PACKAGE_DIRS.inputs}/${input.name}`;
    if (isUri(input.location)) {
      remote.push({
        path: prefix,
        location: input.location,
        size: null,
        sha256: null,
        reason: "remote input: referenced by URI, not fetched at pack time",
      });
      inputs.push({ name: input.name, location: input.location, paths: [] });
      continue;
    }

    const absolute = resolve(baseDir, input.location);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      remote.push({
        path: prefix,
        location: absolute,
        size: null,
        sha256: null,
        reason: "input was missing when the run was packed",
      });
      inputs.push({ name: input.name, location: input.location, paths: [] });
      continue;
    }

    const files = info.isDirectory()
      ? (await walkFiles(absolute)).files.map((path) => ({
          path: `${prefix}/${path}`,
          file: join(absolute, path),
        }))
      : [
          {
            path: `${prefix}/${toPosix(input.location.split(/[\\/]/).pop() as string)}`,
            file: absolute,
          },
        ];
    for (const file of files) {
      candidates.push({
        ...file,
        inlineLimit: limit,
        limitName: "the input inline limit",
      });
    }
    inputs.push({
      name: input.name,
      location: input.location,
      paths: files.map((f) => f.path),
    });
  }
  return { candidates, remote, inputs };
}

/** Gathers and hashes everything a package of `runDir` holds. */
export async function collectPackageContents(
  runDir: string,
  options: ContentsOptions = {},
): Promise<PackageContents> {
  const absoluteRun = resolve(options.cwd ?? process.cwd(), runDir);
  const plan = await readPackagedPlan(join(absoluteRun, RUN_FILES.plan));
  const policy = {
    inlineInputBytes: options.inlineInputBytes ?? DEFAULT_INLINE_INPUT_BYTES,
    inlineOutputBytes: options.inlineOutputBytes ?? DEFAULT_INLINE_OUTPUT_BYTES,
  };
  const warnings: string[] = [];

  const run = await runCandidates(absoluteRun, policy.inlineOutputBytes);
  warnings.push(...run.warnings);

  const located = await locateDefinition(plan, absoluteRun, options);
  const definitionFile = located?.file;
  const source = located ? await sourceCandidates(plan, located) : undefined;
  if (!definitionFile && plan.definition.format !== "inline") {
    warnings.push(
      `definition '${plan.definition.path}' was not found, so the package holds ` +
        "no experiment source; pass --definition PATH to include it",
    );
  }
  if (definitionFile) {
    const actual = await sha256OfFile(definitionFile);
    if (!plan.definition.hash.endsWith(actual)) {
      warnings.push(
        `definition '${definitionFile}' differs from the one the run was planned ` +
          "from (its sha256 changed); the packed source is the current file",
      );
    }
  }

  const inputBase = definitionFile ? dirname(definitionFile) : dirname(absoluteRun);
  const inputs = await inputCandidates(plan, inputBase, policy.inlineInputBytes);

  const environment = await environmentItems(
    definitionFile ?? absoluteRun,
    absoluteRun,
    options,
  );

  const hashed = await mapLimited(
    [...run.candidates, ...(source?.candidates ?? []), ...inputs.candidates],
    32,
    hashCandidate,
  );
  const items = [...hashed.filter(isItem), ...environment].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const references = [...hashed.filter((entry) => !isItem(entry)), ...inputs.remote].sort(
    (a, b) => (a.path < b.path ? -1 : 1),
  ) as ReferencedFile[];

  return {
    runDir: absoluteRun,
    plan,
    records: await readRunRecords(absoluteRun),
    items,
    references,
    definition: source?.definition ?? null,
    sourceRoot: source?.sourceRoot ?? null,
    inputs: inputs.inputs,
    policy,
    warnings,
  };
}

function isItem(entry: PackageItem | ReferencedFile): entry is PackageItem {
  return "content" in entry;
}

async function environmentItems(
  nearFile: string,
  runDir: string,
  options: ContentsOptions,
): Promise<PackageItem[]> {
  const items: PackageItem[] = [];
  const lockfile = findLockfile(dirname(nearFile));
  if (lockfile) {
    const bytes = await readFile(lockfile);
    items.push(bytesItem(`${PACKAGE_DIRS.environment}/package-lock.json`, bytes));
  }

  const envText = await readFile(join(runDir, RUN_FILES.env), "utf8").catch(
    () => undefined,
  );
  const captured = envText === undefined ? undefined : parseJsonOrUndefined(envText);
  const files = await captureEnvironmentFiles({
    captured,
    env: options.env ?? process.env,
    probe: options.probeEnvironment ?? true,
  });
  for (const file of files) {
    items.push(
      bytesItem(`${PACKAGE_DIRS.environment}/${file.name}`, Buffer.from(file.text)),
    );
  }
  return items;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function bytesItem(path: string, bytes: Buffer): PackageItem {
  return { path, size: bytes.length, sha256: sha256OfBytes(bytes), content: { bytes } };
}
