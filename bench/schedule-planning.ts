// Scheduling quality and speed. For each workload: planned utilization and
// makespan against the lower bound for sweepforge's planner and for
// first-in-first-out in declaration order; then the time to plan 100,000
// trials beside a reference list scheduler (Python heapq longest-first).
//
//   npx tsx bench/schedule-planning.ts
import { execFileSync } from "node:child_process";
import { cpus as cpuList, loadavg } from "node:os";
import { uniformCapacity, type Capacity } from "../src/schedule/capacity.ts";
import { planSchedule, type Schedule } from "../src/schedule/scheduler.ts";
import type { WorkItem } from "../src/schedule/workload.ts";
import { synthetic, traceJobs, type SyntheticKind } from "./schedule-workloads.ts";

const CLUSTER = uniformCapacity(4, { cpus: 32, memoryMiB: 131072, gpus: 0 });
const IPSC = uniformCapacity(1, { cpus: 128, memoryMiB: 1_000_000, gpus: 0 });

function row(name: string, ours: Schedule, fifo: Schedule): string {
  const ratio = (s: Schedule) => (s.makespanSeconds / s.lowerBound.seconds).toFixed(3);
  return `| ${name} | ${(ours.utilization * 100).toFixed(1)}% | ${ratio(ours)} | `
    + `${(fifo.utilization * 100).toFixed(1)}% | ${ratio(fifo)} | `
    + `${Math.round(ours.lowerBound.seconds)} s (${ours.lowerBound.binding}) | ${ours.algorithm} |`;
}

function compare(name: string, items: readonly WorkItem[], capacity: Capacity): string {
  const fifo = planSchedule(items, capacity, { algorithm: "fifo" });
  return row(name, planSchedule(items, capacity), fifo);
}

const header = "| workload | planned util. | makespan / bound | FIFO util. | FIFO makespan / bound "
  + "| lower bound | algorithm |\n|---|---|---|---|---|---|---|";

console.log(`machine: ${cpuList().length} × ${cpuList()[0]?.model ?? "cpu"}, Node ${process.version}`);
console.log("\nsynthetic workloads on 4 nodes × 32 cpus\n");
console.log(header);
for (const kind of ["uniform", "lognormal", "mixed-width"] as SyntheticKind[]) {
  for (const count of [1000, 10_000, 100_000]) {
    console.log(compare(`${kind} ${count.toLocaleString("en")}`, synthetic(kind, count), CLUSTER));
  }
}

console.log("\nNASA iPSC/860 trace, consecutive 1,000-job slices on 128 cpus\n");
console.log(header);
const jobs = traceJobs();
const slices: { ours: Schedule; fifo: Schedule }[] = [];
for (let start = 0; start + 1000 <= jobs.length; start += 1000) {
  const slice = jobs.slice(start, start + 1000);
  const ours = planSchedule(slice, IPSC);
  const fifo = planSchedule(slice, IPSC, { algorithm: "fifo" });
  slices.push({ ours, fifo });
  console.log(row(`jobs ${start + 1}-${start + 1000}`, ours, fifo));
}
const utilizations = slices.map((s) => s.ours.utilization).sort((a, b) => a - b);
const within = slices.filter((s) => s.ours.makespanSeconds <= 1.05 * s.ours.lowerBound.seconds);
console.log(`\n${slices.length} slices: planned utilization min ${pct(utilizations[0]!)}, `
  + `median ${pct(utilizations[Math.floor(utilizations.length / 2)]!)}; `
  + `${within.length}/${slices.length} within 1.05 × bound; FIFO median `
  + `${pct(slices.map((s) => s.fifo.utilization).sort((a, b) => a - b)[Math.floor(slices.length / 2)]!)}`);

console.log("\nplanning time, 100,000 lognormal 1-cpu trials on 4 × 32 cpus (median of 5)\n");
const big = synthetic("lognormal", 100_000, 7);
const runs = Array.from({ length: 5 }, () => {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  planSchedule(big, CLUSTER);
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
});
const oursSeconds = median(runs.map((run) => run.wall));
const oursCpuSeconds = median(runs.map((run) => run.cpu));
const referenceSeconds = median(Array.from({ length: 5 }, () => pythonLpt(big)));
console.log(`sweepforge planSchedule (auto): ${oursSeconds.toFixed(3)} s wall, `
  + `${oursCpuSeconds.toFixed(3)} s cpu (load average ${loadavg()[0]?.toFixed(1)})`);
console.log(`reference, Python heapq longest-first on 128 cpus: ${referenceSeconds.toFixed(3)} s`);
console.log(`ratio sweepforge / reference: ${(oursSeconds / referenceSeconds).toFixed(2)}`);

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// The textbook list scheduler in Python: sort longest first, give each job
// to the cpu that frees first. It times itself so interpreter start-up is
// not counted.
function pythonLpt(items: readonly WorkItem[]): number {
  const program = `
import heapq, json, sys, time
durations = json.load(sys.stdin)
start = time.perf_counter()
order = sorted(range(len(durations)), key=lambda i: -durations[i])
free = [(0.0, c) for c in range(128)]
heapq.heapify(free)
makespan = 0.0
for i in order:
    t, c = heapq.heappop(free)
    end = t + durations[i]
    makespan = max(makespan, end)
    heapq.heappush(free, (end, c))
print(time.perf_counter() - start)
`;
  const output = execFileSync("python3", ["-c", program], {
    input: JSON.stringify(items.map((item) => item.seconds)),
    encoding: "utf8",
  });
  return Number(output.trim());
}
