// The run's environment capture (src/record/environment): first call and the
// median of warm calls, beside a shell script that asks the same external
// tools the same questions (uname, python3, git status and diff), in one run.
//
//   npx tsx bench/environment-capture.ts [--repeats 7]
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { captureEnvironment } from "../src/record/environment/capture.ts";
import { pythonCommand } from "../src/record/environment/pyenv.ts";

const { values } = parseArgs({ options: { repeats: { type: "string", default: "7" } } });
const repeats = Number(values.repeats);

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

// The reference runs its tools one after another, as a script would; the
// capture runs them concurrently, and also reads /proc, the lockfile and env.
const python = pythonCommand(process.env, process.cwd());
const script =
  [
    "uname -a",
    `${python} -S -I -c 'import sys; print(sys.version)'`,
    "git status --porcelain=v2 --branch",
    "git diff HEAD --binary",
  ].join(" >/dev/null; ") + " >/dev/null";

const first = await timeAsync(() => captureEnvironment());
const warm: number[] = [];
const shell: number[] = [];
for (let i = 0; i < repeats; i += 1) {
  warm.push(await timeAsync(() => captureEnvironment()));
  shell.push(time(() => execFileSync("/bin/sh", ["-c", script])));
}

console.log(`python3 runs as ${python}`);
console.log(`sweepforge capture, first call   ${first.toFixed(0).padStart(5)} ms`);
console.log(`sweepforge capture, warm median  ${median(warm).toFixed(0).padStart(5)} ms`);
console.log(
  `shell script (same tools), median ${median(shell).toFixed(0).padStart(4)} ms`,
);
console.log(`ratio warm ÷ shell: ${(median(warm) / median(shell)).toFixed(2)}`);
