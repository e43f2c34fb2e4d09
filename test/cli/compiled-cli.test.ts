// The real command line runs from a bundle compiled once into a cache folder:
// it is built when missing, reused while the sources are unchanged, rebuilt
// when they change or the manifest is damaged, and the sources run instead
// when no cache can be written. Output is the same either way.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: the launcher is plain JavaScript without type declarations.
import { compiledCliUrl } from "../../bin/compiled-cli.js";
import { BIN } from "./run-support.ts";

const run = promisify(execFile);
const QUICKSTART = "examples/quickstart/experiment.ts";
const REPO = new URL("../..", import.meta.url).pathname;

interface Manifest {
  build: string;
  inputs: [string, number, number][];
}

const dirs: string[] = [];
function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sweepforge-cli-cache-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const manifestOf = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, "cli.json"), "utf8")) as Manifest;

function sweepforge(args: string[], cache: string) {
  return run(process.execPath, [BIN, ...args], {
    cwd: REPO,
    env: { ...process.env, SWEEPFORGE_CLI_CACHE: cache },
  });
}

describe("the compiled command line", () => {
  it("is built on first use and reused while the sources are unchanged", async () => {
    const dir = cacheDir();

    const first = await sweepforge(["--version"], dir);
    const built = manifestOf(dir);
    const second = await sweepforge(["--version"], dir);

    expect(first.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(second.stdout).toBe(first.stdout);
    expect(manifestOf(dir).build).toBe(built.build);
    expect(readdirSync(dir).filter((name) => name.startsWith("cli-"))).toEqual([
      built.build,
    ]);
    const listed = built.inputs.map(([path]) => path);
    expect(listed).toContain("src/cli/main.ts");
    expect(listed).toContain("src/viz/plot.ts");
  });

  it("is rebuilt when a source it was built from has changed", async () => {
    const dir = cacheDir();
    const before = new URL(await compiledCliUrl(dir)).pathname;
    const manifest = manifestOf(dir);

    // The manifest now remembers main.ts with another size, as after an edit.
    const main = manifest.inputs.find(([path]) => path === "src/cli/main.ts")!;
    main[1] += 1;
    writeFileSync(join(dir, "cli.json"), JSON.stringify(manifest));
    const after = new URL(await compiledCliUrl(dir)).pathname;

    expect(after).not.toBe(before);
    expect(manifestOf(dir).build).not.toBe(manifest.build);
    expect(readFileSync(after, "utf8")).toContain("sweepforge");
  });

  it("is rebuilt when the manifest is half-written", async () => {
    const dir = cacheDir();
    await compiledCliUrl(dir);
    const whole = readFileSync(join(dir, "cli.json"), "utf8");
    const old = manifestOf(dir).build;
    writeFileSync(join(dir, "cli.json"), whole.slice(0, whole.length / 2));

    await compiledCliUrl(dir);

    expect(manifestOf(dir).build).not.toBe(old);
  });

  it("removes unreferenced builds older than an hour and keeps younger ones", async () => {
    const dir = cacheDir();
    const old = join(dir, "cli-old");
    const recent = join(dir, "cli-recent");
    mkdirSync(old);
    mkdirSync(recent);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);

    await compiledCliUrl(dir);

    const left = readdirSync(dir);
    expect(left).not.toContain("cli-old");
    expect(left).toContain("cli-recent");
  });

  it("plans an experiment exactly as the sources do", async () => {
    const compiled = await sweepforge(["plan", QUICKSTART, "--json"], cacheDir());
    const sources = await sweepforge(["plan", QUICKSTART, "--json"], "off");

    expect(JSON.parse(compiled.stdout)).toEqual(JSON.parse(sources.stdout));
    expect(JSON.parse(compiled.stdout).trials).toBeGreaterThan(0);
  });

  it("reads a large result file on worker threads from a cache in any folder", async () => {
    const dir = cacheDir();
    // Past the 32 MB at which ingest hands pieces to worker threads, which
    // bundle their own sources and import packages from the bundle.
    const rows = Array.from({ length: 4 }, (_, lr) =>
      `{"lr":${lr},"loss":${lr / 10}}`.padEnd(120, " "),
    ).join("\n");
    const file = join(dir, "results.jsonl");
    writeFileSync(file, `${rows}\n`.repeat(70_000));

    const result = await sweepforge(
      ["summarize", "--results", file, "--by", "lr", "--jobs", "2", "--json"],
      join(dir, "cache"),
    );

    const groups = (JSON.parse(result.stdout) as { groups: { n: number }[] }).groups;
    expect(groups.map((group) => group.n)).toEqual([70_000, 70_000, 70_000, 70_000]);
  });

  it("runs from the sources when no cache folder can be written", async () => {
    const blocked = join(cacheDir(), "a-file");
    writeFileSync(blocked, "");

    const result = await sweepforge(["--version", "--debug"], join(blocked, "cache"));

    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.stderr).toMatch(/running from sources/);
  });
});
