// One trial record written atomically and durably (temporary file, fsync,
// rename): median and p99 over many writes, beside the same bytes written
// plainly (no fsync, no rename) as the reference floor. Also the way the
// local runner writes records: atomically without fsync, then made durable
// in batches by concurrent fsyncs (src/run/batched-sync.ts), their cost shared
// by the batch.
//
//   npx tsx bench/record-write.ts [--writes 2000]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeJsonAtomic, writeJsonAtomicSync } from "../src/record/atomic.ts";
import { BatchedSync } from "../src/run/batched-sync.ts";
import type { TrialRecord } from "../src/record/trial-record.ts";

const { values } = parseArgs({ options: { writes: { type: "string", default: "2000" } } });
const writes = Number(values.writes);

const record: TrialRecord = {
  schemaVersion: 2, trialId: "0123456789abcdef", step: "simulate", index: 41,
  params: { alpha: 0.01, n: 128, solver: "cg" }, replicate: 0, seed: 987654321,
  argv: ["python3", "heat.py", "--alpha", "0.01", "--n", "128"], attempt: 1,
  status: "succeeded", exitCode: 0, signal: null, host: "node017", backend: "local",
  startedAt: new Date().toISOString(), endedAt: new Date().toISOString(),
  durationSeconds: 12.5, peakMemoryKiB: null, cpuSeconds: 11.9,
  resources: { cpus: 1, memoryMiB: 512, gpus: 0, walltimeSeconds: 300 },
  outputs: [{ path: "field.csv", size: 2048, sha256: "a".repeat(64) }],
  metrics: { l2_error: 0.00012, iterations: 311 },
  progress: Array.from({ length: 20 }, (_, i) => ({ iteration: i, residual: 1 / (i + 1) })),
  logs: { stdout: "stdout.log", stderr: "stderr.log" }, gpuDevices: [],
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

async function measure(name: string, write: (file: string) => unknown): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), "sweepforge-record-bench-"));
  const times: number[] = [];
  try {
    for (let i = 0; i < writes; i += 1) {
      const started = performance.now();
      await write(join(dir, `r${i % 50}.json`));
      times.push(performance.now() - started);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} median ${percentile(times, 0.5).toFixed(3)} ms`
    + `  p99 ${percentile(times, 0.99).toFixed(3)} ms`);
  return times;
}

console.log(`${writes} writes of one ${JSON.stringify(record, null, 2).length}-byte trial record`);
const durable = await measure("writeJsonAtomic (async, fsync)", (f) => writeJsonAtomic(f, record));
await measure("writeJsonAtomicSync (fsync)", (f) => writeJsonAtomicSync(f, record));

/** Per record: its own write plus its share of the batch's sync, for batches of `size`. */
async function batched(size: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), "sweepforge-record-bench-"));
  const times: number[] = [];
  try {
    for (let start = 0; start < writes; start += size) {
      const batch = new BatchedSync(60_000);
      const own: number[] = [];
      for (let i = start; i < Math.min(writes, start + size); i += 1) {
        const file = join(dir, `r${i}.json`);
        const started = performance.now();
        writeJsonAtomicSync(file, record, { durable: false });
        batch.written(file);
        own.push(performance.now() - started);
      }
      const syncStarted = performance.now();
      await batch.flush();
      const share = (performance.now() - syncStarted) / own.length;
      for (const ms of own) times.push(ms + share);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  console.log(`${`runner: batched fsync, ${size} at a time`.padEnd(34)} median `
    + `${percentile(times, 0.5).toFixed(3)} ms  p99 ${percentile(times, 0.99).toFixed(3)} ms`);
  return times;
}
await batched(500);
const plain = await measure("reference: writeFileSync, no fsync",
  (f) => writeFileSync(f, `${JSON.stringify(record, null, 2)}\n`));
console.log(`ratio durable ÷ plain (median): `
  + `${(percentile(durable, 0.5) / percentile(plain, 0.5)).toFixed(1)}`);
