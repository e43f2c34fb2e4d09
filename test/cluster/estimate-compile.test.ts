// Estimates from past runs feed the compiled scripts: --time/--mem (SLURM) and
// walltime/mem (PBS) come from the fitted models, each step's script says
// which model, how many samples and what margin, and the provenance names the
// hash of the plan actually compiled.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compilePlanFor } from "../../compilers/index.ts";
import { estimatedPlan } from "../../src/cluster/estimated-plan.ts";
import { prepareCompile } from "../../src/cluster/prepare.ts";
import { planHash } from "../../src/plan/serialize.ts";
import { describeEstimateBasis } from "../../src/schedule/estimate-basis.ts";
import { goldenOptions, goldenPlan } from "../compilers/golden-plan.ts";
import { powerLawTrials, writePastRun } from "./history-fixture.ts";
import { cli } from "./slurm-helpers.ts";

const GOLDEN_DIR = fileURLToPath(new URL("../fixtures/golden/slurm-estimated/", import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";
const noCluster = { PATH: process.env.PATH };

describe("compiling the golden plan with a hand-made history", () => {
  let history: string;

  beforeAll(async () => {
    history = await mkdtemp(join(tmpdir(), "sf-estimate-golden-"));
    await writePastRun(join(history, "r1"), "golden", [
      ...powerLawTrials("sim", 10),
      ...[31, 29, 33, 30, 28].map((seconds) => ({
        step: "post", params: { label: "plain", rate: 0.1, fast: true }, seconds, peakMiB: 40,
      })),
      // A failed trial tells nothing about what a successful one needs.
      { step: "post", params: { label: "x", rate: 1, fast: true }, seconds: 9999,
        peakMiB: 9999, status: "failed" as const },
    ]);
  });

  // The golden plan, telling the estimator which parameters are numeric.
  function describedPlan() {
    return {
      ...goldenPlan(),
      params: [
        { name: "label", kind: "categorical", scale: "linear", origin: "swept" },
        { name: "rate", kind: "numeric", scale: "linear", origin: "swept" },
        { name: "fast", kind: "boolean", scale: "linear", origin: "swept" },
      ] as const,
    };
  }

  async function compileEstimated() {
    const estimated = await estimatedPlan(describedPlan(),
      { enabled: true, history: [history] }, "/");
    const base = goldenOptions("slurm");
    const notes = Object.fromEntries((estimated.basis ?? [])
      .map((basis) => [basis.step, describeEstimateBasis(basis)]));
    const options = {
      ...base,
      estimateNotes: notes,
      provenance: { ...base.provenance, planHash: estimated.plan.hash },
    };
    return { estimated, result: compilePlanFor(estimated.plan, options) };
  }

  it("produces exactly the reviewed golden scripts", async () => {
    const { result } = await compileEstimated();

    for (const file of result.files.filter((f) => /\.(sbatch|trials)$/.test(f.path))) {
      const golden = join(GOLDEN_DIR, file.path);
      if (update) {
        mkdirSync(dirname(golden), { recursive: true });
        writeFileSync(golden, file.content);
      }
      expect(existsSync(golden), `missing golden ${golden}`).toBe(true);
      expect(file.content, file.path).toBe(readFileSync(golden, "utf8"));
    }
  });

  it("asks for minutes, not the declared 90 minutes, for short simulations", async () => {
    const { result } = await compileEstimated();
    const sim = result.files.find((file) => file.path === "sim.p0.sbatch")?.content ?? "";

    // Slowest sim trial: 600 × 0.6^1.5 ≈ 279 s, plus margin, rounded up to
    // whole minutes; two per task plus the driver's minute stays under 15 min.
    const time = /#SBATCH --time=00:(\d\d):00/.exec(sim);
    expect(time, sim).not.toBeNull();
    expect(Number(time?.[1])).toBeGreaterThanOrEqual(2 * 5 + 1);
    expect(Number(time?.[1])).toBeLessThan(15);
    expect(sim).not.toContain("--time=03:01:00");
    // Peaks near 900 MiB with margin, rounded up to 128 MiB steps: at least
    // 1024 MiB, and less than the 1536 MiB declared.
    const memory = Number(/#SBATCH --mem=(\d+)M/.exec(sim)?.[1]);
    expect(memory % 128).toBe(0);
    expect(memory).toBeGreaterThanOrEqual(1024);
    expect(memory).toBeLessThan(1536);
  });

  it("says per step which model, how many samples and what margin", async () => {
    const { result } = await compileEstimated();
    const script = (name: string) =>
      result.files.find((file) => file.path === name)?.content ?? "";

    expect(script("sim.p0.sbatch")).toMatch(new RegExp("^# estimate \\(95th percentile "
      + "margin, 10 past trials\\): runtime power-law, 10 samples, margin x1\\.\\d\\d; "
      + "memory", "m"));
    // post's history is one group ({label: plain, fast: true}): a step-wide
    // model and that group's.
    expect(script("post.p0.sbatch")).toMatch(new RegExp("^# estimate \\(95th percentile "
      + "margin, 5 past trials\\): runtime constant \\(\\+1 group models\\), 5 samples, "
      + "margin x1\\.\\d\\d;", "m"));
    expect(script("total.p0.sbatch")).toContain("runtime declared (no usable history)");
  });

  it("stamps the hash of the plan it compiled, not of the declared plan", async () => {
    const { estimated, result } = await compileEstimated();
    const { hash, ...rest } = estimated.plan;

    expect(hash).toBe(planHash(rest));
    expect(hash).not.toBe(goldenPlan().hash);
    expect(result.files.find((f) => f.path === "sim.p0.sbatch")?.content)
      .toContain(`# plan: sha256:${hash}`);
  });

  it("leaves the plan untouched when there is no history or estimation is off", async () => {
    const empty = await mkdtemp(join(tmpdir(), "sf-estimate-none-"));
    const plan = goldenPlan();

    expect((await estimatedPlan(plan, { enabled: true, history: [] }, empty)).plan).toBe(plan);
    expect((await estimatedPlan(plan, { enabled: false, history: [history] }, "/")).plan)
      .toBe(plan);
  });
});

describe("sweepforge compile and plan with past runs of the experiment", () => {
  let cwd: string;
  const definition = "wide.yaml";

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), "sf-estimate-cli-"));
    await cp("test/cluster/experiments/wide.yaml", join(cwd, definition));
    // 12 past trials of about 2 s each: far below the declared minute.
    await writePastRun(join(cwd, "runs", "wide", "20261201-100000"), "wide",
      Array.from({ length: 12 }, (_, x) => ({
        step: "square", params: { x }, seconds: 2 + (x % 3) * 0.1, peakMiB: 20,
      })));
  });

  it("estimates from runs/<experiment> by default and shows the basis", async () => {
    const run = await cli(["compile", definition, "--backend", "slurm",
      "--run-dir", "out", "--bundle", "1"], noCluster, cwd);
    const script = await readFile(join(cwd, "out", "scripts", "square.p0.sbatch"), "utf8");

    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("requests estimated from 1 past run(s)");
    expect(run.stderr).toMatch(/square: estimate \(95th percentile margin, 12 past trials\)/);
    // 2 s with margin rounds up to the smallest request, one minute, plus the
    // driver's minute; memory rounds up to 128 MiB.
    expect(script).toContain("#SBATCH --time=00:02:00");
    expect(script).toContain("#SBATCH --mem=128M");
    expect(script).toMatch(/^# estimate .*runtime power-law, 12 samples/m);
  });

  it("requests the declared resources with --no-estimate, and says so to regenerate", async () => {
    const run = await cli(["compile", definition, "--backend", "pbs", "--run-dir", "plain",
      "--bundle", "1", "--no-estimate"], noCluster, cwd);
    const script = await readFile(join(cwd, "plain", "scripts", "square.p0.pbs"), "utf8");

    expect(run.code, run.stderr).toBe(0);
    expect(script).toContain("mem=50mb");
    expect(script).toContain("walltime=00:02:00");
    expect(script).not.toContain("# estimate");
    expect(script).toMatch(/# regenerate: .* --no-estimate/);
  });

  it("names the history and quantile in the regenerate command and the JSON report",
    async () => {
      const run = await cli(["compile", definition, "--backend", "slurm", "--run-dir", "h",
        "--history", "runs/wide", "--quantile", "0.9", "--json"], noCluster, cwd);
      const report = JSON.parse(run.stdout) as {
        estimate: { basis: { step: string; quantile: number; samples: number }[];
          runs: string[] };
      };
      const script = await readFile(join(cwd, "h", "scripts", "square.p0.sbatch"), "utf8");

      expect(run.code, run.stderr).toBe(0);
      expect(report.estimate.basis).toMatchObject([{ step: "square", quantile: 0.9,
        samples: 12 }]);
      expect(report.estimate.runs).toEqual([join(cwd, "runs", "wide", "20261201-100000")]);
      expect(script).toContain("--history runs/wide --quantile 0.9");
    });

  it("stamps the estimated plan's hash, which plan --json reports with the margin",
    async () => {
      const prepared = await prepareCompile(definition, { backend: "slurm", runDir: "p" },
        { cwd, env: noCluster });
      const { hash, ...rest } = prepared.plan;
      const plan = await cli(["plan", definition, "--json",
        "--capacity", "nodes=1,cpus=4,memory=8G"], noCluster, cwd);
      const summary = JSON.parse(plan.stdout) as {
        estimate: { steps: { basis: { runtime: { samples: number; marginFactor: number } } }[] };
      };

      expect(prepared.options.provenance.planHash).toBe(hash);
      expect(hash).toBe(planHash(rest));
      expect(plan.code, plan.stderr).toBe(0);
      expect(summary.estimate.steps[0]?.basis.runtime.samples).toBe(12);
      expect(summary.estimate.steps[0]?.basis.runtime.marginFactor).toBeGreaterThan(1);
    });

  it("refuses an out-of-range quantile naming the flag", async () => {
    const run = await cli(["compile", definition, "--backend", "slurm", "--quantile", "2"],
      noCluster, cwd);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--quantile: must be below 1");
  });
});
