// Turns what the wrapper left in a trial folder (.started, .result, logs,
// output/) into the trial's record.json. The runner calls it when a trial
// ends; `--resume` calls it for trials that ended while no runner listened.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, type Dirent } from "node:fs";
import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join, relative } from "node:path";
import { constants } from "node:os";
import type { TrialSpec } from "../plan/types.ts";
import { writeJsonAtomic } from "../record/atomic.ts";
import { TRIAL_FILES, trialRecordPath } from "../record/layout.ts";
import {
  TRIAL_RECORD_SCHEMA_VERSION,
  type OutputFile,
  type TrialRecord,
  type TrialStatus,
} from "../record/trial-record.ts";

export const MARKERS = {
  started: ".started",
  result: ".result",
  memory: ".memory",
} as const;

export interface AttemptFacts {
  readonly spec: TrialSpec;
  readonly attempt: number;
  readonly gpuDevices: readonly string[];
  /** The runner killed it for exceeding its walltime. */
  readonly timedOut: boolean;
  /** The runner (or a signal to the worker) stopped it. */
  readonly interrupted: boolean;
}

export interface ResultMarker {
  readonly status: number;
  readonly stopped: boolean;
  readonly cpuSeconds: number | null;
  /** Largest sampled peak of the trial's processes; null when never sampled. */
  readonly peakMemoryKiB: number | null;
  readonly startedAt: Date;
  readonly endedAt: Date;
}

/** Seconds of child CPU time in the second line of `times` output. */
export function childCpuSeconds(timesOutput: string): number | null {
  const line = timesOutput.split("\n")[1] ?? "";
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)];
  if (parts.length !== 2) return null;
  return parts.reduce((sum, [, m, s]) => sum + Number(m) * 60 + Number(s), 0);
}

/**
 * Reads the .started/.result pair, or undefined when the attempt has not
 * ended. Synchronous: two tiny local files, read once per trial on the hot path.
 */
export function readResultMarker(trialDir: string): ResultMarker | undefined {
  try {
    const resultFile = join(trialDir, MARKERS.result);
    const startedFile = join(trialDir, MARKERS.started);
    const result = readFileSync(resultFile, "utf8");
    const started = readFileSync(startedFile, "utf8");
    const [head = "", ...times] = result.split("\n");
    const [statusText = "", stopText = "0"] = head.split(" ");
    const before = childCpuSeconds(started);
    const after = childCpuSeconds(times.join("\n"));
    const status = Number.parseInt(statusText, 10);
    if (!Number.isInteger(status)) return undefined;
    return {
      status,
      stopped: stopText === "1",
      cpuSeconds: cpuSecondsBetween(before, after),
      peakMemoryKiB: readPeakMemory(join(trialDir, MARKERS.memory)),
      startedAt: statSync(startedFile).mtime,
      endedAt: statSync(resultFile).mtime,
    };
  } catch {
    return undefined;
  }
}

/**
 * The largest value the wrapper's memory sampler appended (KiB), or null
 * when it never sampled (no /proc, or the trial ended before the first sample).
 */
export function readPeakMemory(file: string): number | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }

  const values = text
    .split("\n")
    .filter((line) => /^\d+$/.test(line))
    .map(Number);
  return values.length > 0 ? Math.max(...values) : null;
}

/** CPU seconds of a trial from its waiter's child times before and after it. */
export function cpuSecondsBetween(
  before: number | null,
  after: number | null,
): number | null {
  return before === null || after === null ? null : round3(Math.max(0, after - before));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function signalName(number: number): string {
  const entry = Object.entries(constants.signals).find(([, n]) => n === number);
  return entry ? entry[0] : `SIG${number}`;
}

/** Outcome of an attempt from its wait status and what the runner did to it. */
export function attemptStatus(
  status: number,
  facts: {
    readonly timedOut: boolean;
    readonly interrupted: boolean;
  },
): TrialStatus {
  if (facts.timedOut) return "timeout";
  if (facts.interrupted) return "interrupted";
  return status === 0 ? "succeeded" : "failed";
}

const HOST = hostname();

export async function buildRecord(
  trialDir: string,
  marker: ResultMarker,
  facts: AttemptFacts,
): Promise<TrialRecord> {
  const outputDir = join(trialDir, TRIAL_FILES.output);
  const killed = marker.status > 128 && marker.status < 128 + 65;
  const entries = outputEntries(outputDir);
  const names = new Set(entries.map((e) => e.name));
  const [outputs, metrics, progress] = await Promise.all([
    listOutputs(outputDir, entries),
    names.has(TRIAL_FILES.metrics) ? readMetrics(outputDir) : {},
    names.has(TRIAL_FILES.progress) ? readProgress(outputDir) : [],
  ]);
  const spec = facts.spec;

  return {
    schemaVersion: TRIAL_RECORD_SCHEMA_VERSION,
    trialId: spec.id,
    step: spec.step,
    index: spec.index,
    params: { ...spec.params },
    replicate: spec.replicate,
    seed: spec.seed,
    argv: [...spec.argv],
    resources: { ...spec.resources },
    attempt: facts.attempt,
    status: attemptStatus(marker.status, {
      timedOut: facts.timedOut,
      interrupted: facts.interrupted || marker.stopped,
    }),
    exitCode: killed ? null : marker.status,
    signal: killed ? signalName(marker.status - 128) : null,
    host: HOST,
    backend: "local",
    startedAt: marker.startedAt.toISOString(),
    endedAt: marker.endedAt.toISOString(),
    durationSeconds: round3(
      Math.max(0, (marker.endedAt.getTime() - marker.startedAt.getTime()) / 1000),
    ),
    peakMemoryKiB: marker.peakMemoryKiB,
    cpuSeconds: marker.cpuSeconds,
    outputs,
    metrics,
    progress,
    logs: { stdout: TRIAL_FILES.stdout, stderr: TRIAL_FILES.stderr },
    gpuDevices: [...facts.gpuDevices],
  };
}

/**
 * Writes the record. The markers stay: the record's end time equals the
 * .result time, so a later resume sees nothing newer to finalise.
 */
export async function finalizeAttempt(
  runDir: string,
  trialDir: string,
  marker: ResultMarker,
  facts: AttemptFacts,
): Promise<TrialRecord> {
  const record = await buildRecord(trialDir, marker, facts);
  await writeJsonAtomic(trialRecordPath(runDir, facts.spec.id), record);
  return record;
}

/** Everything under output/, recursively; empty when it does not exist. */
function outputEntries(outputDir: string): Dirent[] {
  try {
    return readdirSync(outputDir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
}

const RESERVED = new Set<string>([TRIAL_FILES.metrics, TRIAL_FILES.progress]);

/** Every file under output/ except the protocol files, sorted, hashed. */
export async function listOutputs(
  outputDir: string,
  entries: readonly Dirent[] = outputEntries(outputDir),
): Promise<OutputFile[]> {
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => relative(outputDir, join(e.parentPath, e.name)))
    .filter((path) => !RESERVED.has(path))
    .sort();
  return Promise.all(
    files.map(async (path) => {
      const bytes = await readFile(join(outputDir, path));
      return {
        path,
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      };
    }),
  );
}

async function readMetrics(outputDir: string): Promise<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(
      await readFile(join(outputDir, TRIAL_FILES.metrics), "utf8"),
    );
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

async function readProgress(outputDir: string): Promise<Record<string, unknown>[]> {
  let text: string;
  try {
    text = await readFile(join(outputDir, TRIAL_FILES.progress), "utf8");
  } catch {
    return [];
  }

  const entries: Record<string, unknown>[] = [];
  for (const line of text.split("\n")) {
    try {
      const value: unknown = JSON.parse(line);
      if (isObject(value)) entries.push(value);
    } catch {
      // A torn or non-JSON line is not an entry.
    }
  }
  return entries;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
