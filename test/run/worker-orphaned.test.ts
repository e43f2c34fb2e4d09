import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shQuote } from "../../src/run/shell-quote.ts";
import { WRAPPER_PATH } from "../../src/run/wrapper-path.ts";
import { tempDir } from "./support/temp.ts";

/** The sf_work line the runner sends for a trial (see ShellWorker.run). */
function workLine(trialDir: string, argv: readonly string[]): string {
  return ["sf_work", shQuote(trialDir), "--", ...argv.map(shQuote)].join(" ") + "\n";
}

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

    const worker = spawn("/bin/sh", ["-s", "sweepforge-worker", dir], {
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    // The runner is gone before the worker's first answer: every write fails.
    worker.stdout.destroy();
    worker.stderr.destroy();
    const exited = new Promise<number | null>((resolve) =>
      worker.on("exit", (code) => resolve(code)),
    );

    worker.stdin.write(
      `SWEEPFORGE_WRAPPER_LIBRARY=1; . ${shQuote(WRAPPER_PATH)}; sf_worker_init\n`,
    );
    const firstScript =
      `grep SigIgn /proc/self/status > ${shQuote(join(dir, "sigign"))}; ` +
      `sleep 0.3; echo first >> ${shQuote(log)}`;
    worker.stdin.write(workLine(first, ["/bin/sh", "-c", firstScript]));
    worker.stdin.write(
      workLine(second, ["/bin/sh", "-c", `echo second >> ${shQuote(log)}`]),
    );
    worker.stdin.end();

    expect(await exited).toBe(0);

    expect(readFileSync(log, "utf8")).toBe("first\n");
    expect(readFileSync(join(first, ".result"), "utf8").split("\n")[0]).toBe("0 0");
    expect(existsSync(join(second, ".started"))).toBe(false);
    expect(ignoresSigpipe(readFileSync(join(dir, "sigign"), "utf8"))).toBe(false);
  });
});
