// `sweepforge verify <package>`: integrity, re-execution and drift; exit 0
// only when every re-executed trial reproduced.
import { resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { RuntimeFailure } from "../../errors.ts";
import { parseCommandFlags } from "../../repro/flags.ts";
import { formatVerifyReport } from "../../repro/report.ts";
import { ToleranceFlags } from "../../repro/tolerance-flags.ts";
import { verifyPackage, type VerifyReport } from "../../repro/verify.ts";
import { printJson, say, type CliIO } from "../io.ts";
import type { CommandContext } from "./index.ts";

const TrialCount = z.union([
  z.literal("all"),
  z
    .string()
    .regex(/^\d+$/, "use a positive whole number or 'all'")
    .transform(Number)
    .pipe(z.number().int().positive()),
]);

const VerifyFlags = z.object({
  trials: TrialCount.default("all"),
  seed: z.string().regex(/^\d+$/, "use a whole number").transform(Number).optional(),
  tolerance: ToleranceFlags.default({}),
  strict: z.boolean().default(false),
  jobs: z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().positive())
    .optional(),
  json: z.boolean().default(false),
});

export const collectValues = (value: string, previous: string[] = []): string[] => [
  ...previous,
  value,
];

/**
 * Prints a verify-style report; a failed one becomes a RuntimeFailure (exit 1)
 * that carries the report, so --json still prints exactly one document.
 */
export function finishReport(io: CliIO, report: VerifyReport, json: boolean): number {
  for (const line of formatVerifyReport(report)) say(io, line);
  if (report.ok) {
    if (json) printJson(io, report);
    return 0;
  }

  const reason = report.integrity.ok
    ? "the package did not reproduce"
    : "integrity check failed";
  throw new RuntimeFailure(
    "repro/not-reproduced",
    `${report.package}: ${reason}`,
    report,
  );
}

export function registerVerify(program: Command, context: CommandContext): void {
  program
    .command("verify")
    .description(
      "check a package's integrity, re-execute its trials and compare the results",
    )
    .argument("<package>", "an archive written by `sweepforge pack`")
    .option("--trials <n|all>", "re-execute all trials or a seeded sample of n", "all")
    .option("--seed <n>", "seed of the sample (default: the experiment's seed)")
    .option(
      "--tolerance <spec>",
      "metric tolerance, e.g. y=abs:1e-6 or rel:1e-9 (repeatable)",
      collectValues,
    )
    .option("--strict", "treat environment drift as a failure")
    .option("--jobs <n>", "trials to run at once")
    .option("--json", "print the report as JSON on stdout")
    .addHelpText(
      "after",
      `
Examples:
  $ sweepforge verify heat.sweepforge.tar.gz --trials 20
  $ sweepforge verify heat.sweepforge.tar.gz --tolerance max_temp=rel:1e-9 --strict`,
    )
    .action(async (archive: string, raw: unknown) => {
      const flags = parseCommandFlags(VerifyFlags, raw, "verify");
      const { io } = context;
      const report = await verifyPackage(resolve(io.cwd, archive), {
        trials: flags.trials,
        tolerances: flags.tolerance,
        strict: flags.strict,
        projectDir: io.cwd,
        env: io.env,
        ...(flags.seed !== undefined ? { sampleSeed: flags.seed } : {}),
        ...(flags.jobs ? { jobs: flags.jobs } : {}),
      });
      context.setExitCode(finishReport(io, report, flags.json));
    });
}
