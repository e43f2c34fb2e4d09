// `sweepforge compile` end to end in-process: real definition files, real
// output folders, exit codes and messages as a user sees them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareCompile } from "../../src/cluster/prepare.ts";
import { cli } from "./slurm-helpers.ts";

const CHAIN = "test/cluster/experiments/chain.yaml";
const noCluster = { PATH: process.env.PATH };

function readAll(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).sort()
    .map((name) => [name, readFileSync(join(folder, name), "utf8")]));
}

describe("sweepforge compile", () => {
  it("writes byte-identical artifacts when run twice with the same flags", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "sf-cli-"));
    const argv = ["compile", CHAIN, "--backend", "slurm", "--run-dir", runDir, "--bundle", "4"];

    expect((await cli(argv, noCluster)).code).toBe(0);
    const first = readAll(join(runDir, "scripts"));
    expect((await cli(argv, noCluster)).code).toBe(0);

    expect(readAll(join(runDir, "scripts"))).toEqual(first);
    expect(first["sim.p0.sbatch"]).toContain(`# regenerate: sweepforge compile ${CHAIN} `
      + `--backend slurm --run-dir ${runDir} --array-cap 1001 --bundle 4`);
  });

  it("lists what it wrote, or a JSON report with --json", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "sf-cli-"));
    const human = await cli(["compile", CHAIN, "--backend", "pbs", "--run-dir", runDir,
      "--pbs-flavor", "torque"], noCluster);
    // 2-minute trials fill the default 30-minute tasks: 15 per task, one task.
    expect(human.stderr).toContain("post.p0.pbs: 1 array task (step post)");
    expect(human.stderr).toContain('note: step "post" waits for all of step "sim"');

    const json = await cli(["compile", CHAIN, "--backend", "k8s", "--run-dir", runDir,
      "--k8s-image", "busybox", "--k8s-volume-claim", "runs", "--json"], noCluster);
    expect(JSON.parse(json.stdout).files.map((f: string) => f.split("/").pop()))
      .toEqual(["apply.sh", "configmap.yaml", "job-post.yaml", "job-sim.yaml", "job-total.yaml"]);
  });

  it("exits 2 naming the flag when a value is invalid", async () => {
    const result = await cli(["compile", CHAIN, "--backend", "slurm", "--bundle", "zero"], noCluster);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--bundle");
    const backend = await cli(["compile", CHAIN, "--backend", "lsf"], noCluster);
    expect(backend.code).toBe(2);
    expect(backend.stderr).toContain("--backend");
  });

  it("exits 2 with the definition file and field when a backend cannot express it", async () => {
    const result = await cli(["compile", CHAIN, "--backend", "pbs", "--qos", "high"], noCluster);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${CHAIN}: at cluster.qos: PBS has no qos directive`);
  });

  it("records the git commit and whether tracked files changed", async () => {
    const repo = mkdtempSync(join(tmpdir(), "sf-git-"));
    cpSync(CHAIN, join(repo, "chain.yaml"));
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" });
    git("init", "-q");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x");
    git("add", "chain.yaml");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "y");
    const head = git("rev-parse", "HEAD").trim();
    const context = { cwd: repo, env: noCluster };

    const clean = await prepareCompile("chain.yaml", { backend: "local" }, context);
    expect(clean.options.provenance.git).toEqual({ commit: head, dirty: false });
    expect(clean.options.runDir).toBe(join(repo, "runs/chain/compiled"));

    writeFileSync(join(repo, "chain.yaml"), `${readFileSync(join(repo, "chain.yaml"), "utf8")}\n`);
    const dirty = await prepareCompile("chain.yaml", { backend: "local" }, context);
    expect(dirty.options.provenance.git).toEqual({ commit: head, dirty: true });

    const outside = mkdtempSync(join(tmpdir(), "sf-nogit-"));
    cpSync(CHAIN, join(outside, "chain.yaml"));
    const none = await prepareCompile("chain.yaml", { backend: "local" }, { cwd: outside, env: noCluster });
    expect(none.options.provenance.git).toBeUndefined();
  });
});
