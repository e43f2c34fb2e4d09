import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIO } from "../../src/cli/io.ts";

const repo = join(import.meta.dirname, "..", "..");

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function sweepforge(args: readonly string[], cwd = repo): Promise<Captured> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on("data", (chunk: Buffer) => chunks.out.push(chunk));
  stderr.on("data", (chunk: Buffer) => chunks.err.push(chunk));
  const io: CliIO = { stdout, stderr, interactive: false, cwd, env: {} };

  const code = await main(args, io);
  return {
    code,
    stdout: Buffer.concat(chunks.out).toString("utf8"),
    stderr: Buffer.concat(chunks.err).toString("utf8"),
  };
}

describe("sweepforge plan", () => {
  it("prints trials per step, the space, the first trials and the resources", async () => {
    const { code, stdout, stderr } = await sweepforge([
      "plan",
      "examples/heat/experiment.yaml",
      "--show",
      "2",
    ]);

    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain("experiment heat: 36 trials");
    expect(stderr).toContain("space: 40 points in full, 35 after constraints");
    expect(stderr).toMatch(/simulate\s+35 trials/);
    expect(stderr).toMatch(/report\s+1 trials\s+after all of simulate/);
    expect(stderr).toContain(
      "python3 examples/heat/heat.py --alpha 0.001 --n 32 --solver jacobi --seed",
    );
    expect(stderr.match(/^ {4}python3/gm)).toHaveLength(2);
    expect(stderr).toContain("requested: 2.94 core-hours, 0 GPU-hours");
  });

  it("prints the summary as one JSON document with --json", async () => {
    const { code, stdout } = await sweepforge([
      "plan",
      "examples/quickstart/experiment.ts",
      "--json",
    ]);
    const summary = JSON.parse(stdout);

    expect(code).toBe(0);
    expect(summary).toMatchObject({
      experiment: "quickstart",
      trials: 9,
      steps: [{ name: "estimate", trials: 9, dependsOn: [] }],
      space: { size: "3", selected: 3, method: "grid", replicates: 3 },
    });
    expect(summary.firstTrials).toHaveLength(5);
  });

  it("writes the full plan.json with --out and names it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sweepforge-cli-"));
    const { code, stderr } = await sweepforge(
      ["plan", join(repo, "examples/heat/experiment.yaml"), "--out", "plan.json"],
      dir,
    );

    expect(code).toBe(0);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8"));
    expect(plan.steps.map((s: { trials: unknown[] }) => s.trials.length)).toEqual([
      35, 1,
    ]);
    expect(stderr).toContain(`wrote plan.json (plan hash ${plan.hash.slice(0, 12)})`);

    const json = await sweepforge(
      ["plan", join(repo, "examples/heat/experiment.yaml"), "--json", "--out", "p2.json"],
      dir,
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ hash: plan.hash, out: "p2.json" });
  });

  it("exits 2 with every problem named by file, line and field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sweepforge-cli-"));
    writeFileSync(
      join(dir, "bad.yaml"),
      `name: bad
params:
  n: []
steps:
  run: { run: [echo, "{m}"], after: nope }
`,
    );
    const { code, stderr } = await sweepforge(["plan", "bad.yaml"], dir);

    expect(code).toBe(2);
    expect(stderr).toBe(
      [
        "error: bad.yaml:3:6: at params.n: the dimension has no values",
        "  fix: list at least one value, or remove the parameter",
        'error: bad.yaml:5:22: at steps.run.run[1]: placeholder "{m}" names no parameter',
        '  fix: did you mean "n"?',
        'error: bad.yaml:5:37: at steps.run.after: step "nope" does not exist',
        "  fix: use one of the steps: run",
        "",
      ].join("\n"),
    );
  });

  it("says when a sampled space is continuous", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sweepforge-cli-"));
    writeFileSync(
      join(dir, "lr.yaml"),
      `name: lr
params:
  lr: { loguniform: [1.0e-5, 1.0e-1] }
sample: { method: lhs, count: 8 }
steps:
  train: { run: [train, "{lr}"], resources: { gpus: 1, time: 30m } }
`,
    );
    const { code, stderr } = await sweepforge(["plan", "lr.yaml"], dir);
    expect(code).toBe(0);
    expect(stderr).toContain("space: continuous (no finite grid), 8 sampled by lhs");
    expect(stderr).toContain("requested: 4 core-hours, 4 GPU-hours");
  });

  it("prints user errors as JSON on stdout with --json", async () => {
    const { code, stdout } = await sweepforge(["plan", "missing.yaml", "--json"]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout).error).toMatchObject({ code: "definition/not-found" });
  });

  it("rejects a bad flag value as a usage error", async () => {
    const { code, stderr } = await sweepforge([
      "plan",
      "examples/heat/experiment.yaml",
      "--show",
      "-1",
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--show: /);
  });

  it("explains itself with an example in --help", async () => {
    const { code, stdout } = await sweepforge(["plan", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--out <file>");
    expect(stdout).toContain("$ sweepforge plan examples/heat/experiment.yaml");
  });

  it("works as a real process through npx sweepforge", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      "npx",
      ["sweepforge", "plan", "examples/heat/experiment.ts", "--json"],
      {
        cwd: repo,
        encoding: "utf8",
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({ experiment: "heat", trials: 36 });

    const failure = await run("npx", ["sweepforge", "plan", "nowhere.yaml"], {
      cwd: repo,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain(
      "error: nowhere.yaml: the definition file does not exist",
    );
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
