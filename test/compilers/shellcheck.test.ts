// Every generated shell script passes shellcheck (POSIX sh dialect).
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePlanFor, writeArtifacts } from "../../compilers/index.ts";
import { BACKENDS } from "../../compilers/shared/options.ts";
import { goldenOptions, goldenPlan } from "./golden-plan.ts";

const shellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
if (!shellcheck) console.warn("shellcheck tests skipped: shellcheck is not installed");

describe.skipIf(!shellcheck)("generated scripts", () => {
  it.each(BACKENDS)("are shellcheck-clean for %s", async (backend) => {
    const outDir = mkdtempSync(join(tmpdir(), `sf-sc-${backend}-`));
    const result = compilePlanFor(goldenPlan(), { ...goldenOptions(backend), outDir });
    const written = await writeArtifacts(result, outDir);
    const scripts = written.filter((path) => /\.(sh|sbatch|pbs)$/.test(path));

    expect(scripts.length).toBeGreaterThan(0);
    const check = spawnSync("shellcheck", ["-s", "sh", ...scripts], { encoding: "utf8" });
    expect(check.stdout).toBe("");
    expect(check.status).toBe(0);
  });
});
