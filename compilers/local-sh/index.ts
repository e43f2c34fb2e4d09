// Local sh: a self-contained POSIX script (run.sh) that runs the trial tables
// with bounded parallelism on a machine without Node.js. Per-trial
// dependencies become "run task i only if the parent's task i succeeded".
import type { Plan } from "../../src/plan/types.ts";
import type { ArtifactFile, CompileResult } from "../shared/artifacts.ts";
import { CLUSTER_LOGS_DIR } from "../shared/batch-emitter.ts";
import { driverFiles, DRIVER_FILE } from "../shared/driver.ts";
import type { CompileOptions } from "../shared/options.ts";
import { commentBlock, estimateComment } from "../shared/provenance.ts";
import { shQuote } from "../shared/shell-quote.ts";
import { layoutPlan } from "../shared/task-layout.ts";
import { trialTableArtifact } from "../shared/trial-table.ts";
import { render } from "../shared/templates.ts";

export const LOCAL_SCRIPT = "run.sh";

/** Tasks at a time when neither --max-parallel nor the JOBS argument is given. */
export const DEFAULT_LOCAL_JOBS = 2;

export function compileLocalSh(plan: Plan, options: CompileOptions): CompileResult {
  const layouts = layoutPlan(plan, options).filter((layout) => layout.rows.length > 0);
  const tables: ArtifactFile[] = layouts.map((layout) =>
    trialTableArtifact(`${layout.step.name}.trials`, layout));

  const included = new Set(layouts.map((layout) => layout.step.name));
  const steps = layouts.map((layout) => {
    const last = layout.parts.reduce((end, part) => part.offset + part.count - 1, -1);
    return {
      name: layout.step.name,
      quotedName: shQuote(layout.step.name),
      table: shQuote(`${layout.step.name}.trials`),
      trialCount: layout.rows.length,
      first: 0,
      last,
      parallel: Math.min(options.bundleParallel, layout.bundleSize),
      parent: layout.correspondsToStep ? shQuote(layout.correspondsToStep) : "''",
      waitsFor: layout.waitsForAll.filter((step) => included.has(step)).map(shQuote),
    };
  });

  const script = render("local-sh/run.sh.hbs", {
    provenance: [commentBlock(options.provenance),
      ...layouts.map((layout) => estimateComment(options, layout.step.name))
        .filter((line) => line !== "")].join("\n"),
    jobs: options.maxParallel ?? DEFAULT_LOCAL_JOBS,
    runDir: shQuote(options.runDir),
    logsDir: CLUSTER_LOGS_DIR,
    driverFile: DRIVER_FILE,
    steps,
  });

  const files = [
    ...driverFiles(options),
    ...tables,
    { path: LOCAL_SCRIPT, content: script, executable: true },
  ];
  return {
    files: files.sort((a, b) => a.path.localeCompare(b.path)),
    jobs: [],
    notes: [],
  };
}
