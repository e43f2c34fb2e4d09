import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shQuote } from "../../src/run/shell-quote.ts";
import { ShellWorker, type WorkerJob } from "../../src/run/worker.ts";
import { tempDir } from "./support/temp.ts";

/** SIGPIPE is signal 13: bit 12 of the SigIgn mask in /proc/<pid>/status. */
function ignoresSigpipe(statusLine: string): boolean {
  const mask = BigInt(`0x${statusLine.replace(/^SigIgn:\s*/, "").trim()}`);
  return (mask & (1n << 12n)) !== 0n;
}

describe("a worker whose runner died", () => {
  it("records the trial it had started and starts none of those queued behind it", async () => {
    const dir = tempDir();
    const log = join(dir, "ran.log");
    const first = join(dir, "trials", "first");
    const second = join(dir, "trials", "second");
    for (const trial of [first, second])
      mkdirSync(join(trial, "output"), { recursive: true });

    let lost: (status: number | null) => void = () => {};
    const exited = new Promise<number | null>((resolve) => (lost = resolve));
    const worker = new ShellWorker(dir, { cwd: dir, env: process.env }, (_, status) =>
      lost(status),
    );
    // The runner is gone before the worker's first answer: every write fails.
    worker.process.stdout.destroy();
    worker.process.stderr.destroy();

    const job = (trialDir: string, script: string): WorkerJob => ({
      trialDir,
      env: [],
      argv: ["/bin/sh", "-c", script],
      onStart: () => {},
      onEnd: () => {},
    });
    const sigign = shQuote(join(dir, "sigign"));
    const ran = (name: string) => `echo ${name} >> ${shQuote(log)}`;
    worker.run(
      job(first, `grep SigIgn /proc/self/status > ${sigign}; sleep 0.3; ${ran("first")}`),
    );
    worker.run(job(second, ran("second")));
    worker.close();

    expect(await exited).toBe(0);

    expect(readFileSync(log, "utf8")).toBe("first\n");
    expect(readFileSync(join(first, ".result"), "utf8").split("\n")[0]).toBe("0 0");
    expect(existsSync(join(second, ".started"))).toBe(false);
    expect(ignoresSigpipe(readFileSync(join(dir, "sigign"), "utf8"))).toBe(false);
  });
});
