// How resources and cluster settings become #SBATCH and #PBS lines, and what
// each dialect refuses or degrades.
import { describe, expect, it } from "vitest";
import { compilePbs, compileSlurm } from "../../compilers/index.ts";
import { pbsWalltime, slurmTime } from "../../compilers/shared/time-format.ts";
import { shQuote } from "../../compilers/shared/shell-quote.ts";
import { UserError } from "../../src/errors.ts";
import { optionsFor, planOf, stepOf } from "./plan-fixtures.ts";

const plan = planOf("d", [stepOf({
  name: "s", count: 3, argv: () => ["true"],
  resources: { cpus: 4, memoryMiB: 0, gpus: 0, walltimeSeconds: 0 },
})]);

function script(result: ReturnType<typeof compileSlurm>, path: string): string {
  return result.files.find((file) => file.path === path)!.content;
}

describe("batch directives", () => {
  it("leaves memory and time to the cluster defaults when the step gives none", () => {
    const text = script(compileSlurm(plan, optionsFor("slurm", "/r", { bundle: 1 })), "s.p0.sbatch");
    expect(text).toContain("#SBATCH --array=0-2\n");
    expect(text).toContain("#SBATCH --cpus-per-task=4\n");
    expect(text).not.toMatch(/--mem=|--time=|--gres=/);
  });

  it("spells Torque arrays with -t and a throttle, and resources as nodes:ppn", () => {
    const result = compilePbs(plan, optionsFor("pbs", "/r",
      { bundle: 1, pbsFlavor: "torque", maxParallel: 2 }));
    const text = script(result, "s.p0.pbs");
    expect(text).toContain("#PBS -t 0-2%2\n");
    expect(text).toContain("#PBS -l nodes=1:ppn=4\n");
    expect(text).not.toContain("-l mem=");
  });

  it("writes Torque memory and GPUs on their own resource lines", () => {
    const gpuPlan = planOf("g", [stepOf({ name: "s", count: 1, argv: () => ["true"],
      resources: { cpus: 1, memoryMiB: 2048, gpus: 2, walltimeSeconds: 90_000 } })]);
    const text = script(compilePbs(gpuPlan, optionsFor("pbs", "/r", { pbsFlavor: "torque" })),
      "s.p0.pbs");
    expect(text).toContain("#PBS -l nodes=1:ppn=1:gpus=2\n#PBS -l mem=2048mb\n");
    expect(text).toContain("#PBS -l walltime=25:01:00\n");
    expect(text).not.toContain("#PBS -t");
  });

  it("refuses QOS and constraints for PBS, naming the definition field", () => {
    const options = optionsFor("pbs", "/r", { qos: "high", constraint: "avx2" });
    try {
      compilePbs(plan, options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).problems.map((p) => p.path)).toEqual([
        ["cluster", "qos"], ["cluster", "constraint"]]);
    }
  });

  it("refuses directive values that would break out of their line", () => {
    const options = optionsFor("slurm", "/r",
      { partition: "gpu\n#SBATCH --mem=1", extraDirectives: ["--a", "two\nlines", " "] });
    try {
      compileSlurm(plan, options);
      expect.unreachable();
    } catch (error) {
      const problems = (error as UserError).problems;
      expect(problems.map((p) => p.path)).toEqual([
        ["cluster", "partition"], ["cluster", "extraDirectives", 1],
        ["cluster", "extraDirectives", 2]]);
      expect(problems[0]!.file).toBe("experiments/demo.ts");
    }
  });

  it("takes partition and extra directives from the definition when no flag overrides", () => {
    const fromDefinition = { ...plan, cluster: { partition: "long", extraDirectives: ["--exclusive"] } };
    const text = script(compileSlurm(fromDefinition, optionsFor("slurm", "/r")), "s.p0.sbatch");
    expect(text).toContain("#SBATCH --partition=long\n");
    expect(text).toContain("#SBATCH --exclusive\n");
    const overridden = script(compileSlurm(fromDefinition,
      optionsFor("slurm", "/r", { partition: "short" })), "s.p0.sbatch");
    expect(overridden).toContain("#SBATCH --partition=short\n");
  });

  it("names jobs the schedulers accept whatever the experiment is called", () => {
    const odd = { ...plan, experiment: "9 lives/ünï" };
    const text = script(compileSlurm(odd, optionsFor("slurm", "/r")), "s.p0.sbatch");
    expect(text).toContain("#SBATCH --job-name=j9_lives__n_-s-p0\n");
  });
});

describe("scheduler time formats", () => {
  it("rounds SLURM time up to whole minutes and adds days past 24 h", () => {
    expect(slurmTime(1)).toBe("00:01:00");
    expect(slurmTime(61)).toBe("00:02:00");
    expect(slurmTime(86_400 + 3600)).toBe("1-01:00:00");
  });

  it("writes PBS walltime in hours beyond a day", () => {
    expect(pbsWalltime(59)).toBe("00:00:59");
    expect(pbsWalltime(200_000)).toBe("55:33:20");
  });
});

describe("sh quoting", () => {
  it("leaves safe words bare and single-quotes the rest", () => {
    expect(shQuote("a-b_c.d/e:f=g")).toBe("a-b_c.d/e:f=g");
    expect(shQuote("")).toBe("''");
    expect(shQuote("it's")).toBe("'it'\\''s'");
    expect(shQuote("a\nb")).toBe("'a'\"$SF_NL\"'b'");
  });
});
