// Kubernetes manifests validate against the API types (kubernetes-models,
// generated from the Kubernetes OpenAPI schema) and say what they can't do.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Job } from "kubernetes-models/batch/v1/Job";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { compileK8s, CONFIGMAP_LIMIT_BYTES } from "../../compilers/k8s/index.ts";
import { dnsName } from "../../compilers/k8s/manifests.ts";
import { UserError } from "../../src/errors.ts";
import { goldenOptions, goldenPlan } from "./golden-plan.ts";
import { optionsFor, planOf, stepOf } from "./plan-fixtures.ts";

function manifest(path: string): Record<string, any> {
  const result = compileK8s(goldenPlan(), goldenOptions("k8s"));
  const file = result.files.find((candidate) => candidate.path === path);
  return parse(file!.content);
}

describe("the Kubernetes compiler", () => {
  it("emits Indexed Jobs that validate against the batch/v1 Job schema", () => {
    for (const step of ["sim", "post", "total"]) {
      const job = manifest(`job-${step}.yaml`);
      expect(() => new Job(job as any).validate()).not.toThrow();
    }
    const sim = manifest("job-sim.yaml");
    expect(sim.spec).toMatchObject({
      completionMode: "Indexed", completions: 4, parallelism: 4, backoffLimitPerIndex: 0,
    });
    const container = sim.spec.template.spec.containers[0];
    expect(container.resources).toEqual({
      requests: { cpu: "2", memory: "1536Mi" },
      limits: { cpu: "2", memory: "1536Mi", "nvidia.com/gpu": "1" },
    });
    expect(sim.spec.template.spec.volumes[1].persistentVolumeClaim).toEqual({ claimName: "runs" });
  });

  it("puts the trial tables and both scripts in a valid ConfigMap", () => {
    const configMap = manifest("configmap.yaml");
    expect(() => new ConfigMap(configMap as any).validate()).not.toThrow();
    expect(Object.keys(configMap.data).sort()).toEqual([
      "post.trials", "sim.trials", "sweepforge-trial.sh", "task-driver.sh", "total.trials",
    ]);
  });

  it("records provenance as annotations", () => {
    expect(manifest("job-sim.yaml").metadata.annotations).toMatchObject({
      "sweepforge.dev/plan-sha256": "a".repeat(64),
      "sweepforge.dev/git-dirty": "false",
    });
  });

  it("notes that dependent steps wait for whole Jobs", () => {
    const result = compileK8s(goldenPlan(), goldenOptions("k8s"));
    expect(result.notes).toHaveLength(2);
    expect(result.notes[0]).toContain('step "post" starts after');
  });

  it("refuses to compile without an image and a volume claim, naming both flags", () => {
    const options = { ...goldenOptions("k8s"), kubernetes: {} };
    const error = (() => { try { compileK8s(goldenPlan(), options); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems.map((p) => p.fix)).toEqual([
      expect.stringContaining("--k8s-image"), expect.stringContaining("--k8s-volume-claim"),
    ]);
  });

  it("refuses a sweep whose tables overflow a ConfigMap", () => {
    const big = planOf("big", [stepOf({
      name: "s", count: 3000, argv: () => ["x".repeat(300)],
    })]);
    const options = optionsFor("k8s", "/runs/big",
      { kubernetes: { image: "busybox", volumeClaim: "runs" } });
    expect(() => compileK8s(big, options)).toThrow(String(CONFIGMAP_LIMIT_BYTES));
  });

  it("derives DNS-1123 names from any experiment name", () => {
    expect(dnsName("My_Sweep v2!")).toBe("my-sweep-v2");
    expect(dnsName("___")).toBe("sweep");
    expect(dnsName("a".repeat(80)).length).toBe(50);
  });
});
