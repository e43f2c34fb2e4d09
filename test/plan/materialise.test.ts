// compile and submit build every trial once (materialisePlan) instead of once
// per walk; the plan must stay the same plan, down to its hash.
import { describe, expect, it } from "vitest";
import { materialisePlan, planFromFile, planHash, type Plan } from "../../src/plan/index.ts";

const CHAIN = "test/cluster/experiments/chain.yaml";

function trialsOf(plan: Plan) {
  return plan.steps.map((step) => Array.from(step.trials));
}

describe("a materialised plan", () => {
  it("has the same trials, in the same order, and the same hash", async () => {
    const lazy = await planFromFile(CHAIN);
    const built = materialisePlan(await planFromFile(CHAIN));

    expect(trialsOf(built)).toEqual(trialsOf(lazy));
    expect(built.steps.map((step) => step.trials.count))
      .toEqual(lazy.steps.map((step) => step.trials.count));
    expect(built.hash).toBe(lazy.hash);
    const { hash: _hash, ...rest } = built;
    expect(planHash(rest)).toBe(lazy.hash);
  });

  it("builds each trial once: later walks return the very same objects", async () => {
    const built = materialisePlan(await planFromFile(CHAIN));
    const step = built.steps[0];

    expect(step?.trials.at(3)).toBe(step?.trials.at(3));
    expect(Array.from(step?.trials ?? [])[3]).toBe(step?.trials.at(3));
  });

  it("keeps every other field of the plan", async () => {
    const lazy = await planFromFile(CHAIN);
    const built = materialisePlan(lazy);

    for (const field of ["experiment", "definition", "seed", "space", "params", "cluster"]) {
      expect(built[field as keyof Plan], field).toEqual(lazy[field as keyof Plan]);
    }
  });
});
