import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { workerModuleUrl } from "../../src/worker-module.ts";

// Runs the module at `url` in a plain worker (no TypeScript loader) and
// returns the first message it posts.
function firstMessage(url: URL): Promise<unknown> {
  const worker = new Worker(url, { execArgv: [] });
  return new Promise((resolve, reject) => {
    worker.once("message", (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

// A folder name with a space and a non-ASCII letter, as users' paths have.
function sources(): string {
  const dir = mkdtempSync(join(tmpdir(), "sf worker-modülé-"));
  mkdirSync(join(dir, "nested"));
  writeFileSync(
    join(dir, "nested", "where.ts"),
    'export const nestedUrl: string = import.meta.url;\nexport const text = "import.meta.url";\n',
  );
  writeFileSync(
    join(dir, "entry.ts"),
    [
      'import { parentPort } from "node:worker_threads";',
      'import { mean } from "simple-statistics";',
      'import { nestedUrl, text } from "./nested/where.ts";',
      "const typed: number[] = [1, 2, 6];",
      "parentPort!.postMessage({ entryUrl: import.meta.url, nestedUrl, text, mean: mean(typed) });",
      "",
    ].join("\n"),
  );
  return dir;
}

describe("bundled worker modules", () => {
  it("run TypeScript in a plain worker, with packages and each file's own URL", async () => {
    const dir = sources();
    const url = await workerModuleUrl(pathToFileURL(join(dir, "entry.ts")));

    expect(url.protocol).toBe("data:");
    expect(await firstMessage(url)).toEqual({
      entryUrl: pathToFileURL(join(dir, "entry.ts")).href,
      nestedUrl: pathToFileURL(join(dir, "nested", "where.ts")).href,
      text: "import.meta.url",
      mean: 3,
    });
  });

  it("bundle each entry once per process", async () => {
    const entry = pathToFileURL(join(sources(), "entry.ts"));

    const [first, second] = await Promise.all([
      workerModuleUrl(entry),
      workerModuleUrl(entry),
    ]);

    expect(second).toBe(first);
  });

  it("forget a failed build, so a later call can succeed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sf-worker-module-"));
    const entry = pathToFileURL(join(dir, "late.ts"));

    await expect(workerModuleUrl(entry)).rejects.toThrow(/late\.ts/);
    writeFileSync(
      join(dir, "late.ts"),
      'import { parentPort } from "node:worker_threads";\nparentPort!.postMessage("here");\n',
    );

    expect(await firstMessage(await workerModuleUrl(entry))).toBe("here");
  });
});
