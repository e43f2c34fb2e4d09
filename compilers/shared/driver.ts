// The two scripts every backend ships beside its tables: the task driver
// (finds a task's rows and runs them) and a copy of the shared trial wrapper.
import type { ArtifactFile } from "./artifacts.ts";
import type { CompileOptions } from "./options.ts";
import { commentBlock } from "./provenance.ts";
import { ROW_FIELDS } from "./trial-table.ts";
import { render, templateText } from "./templates.ts";

export const DRIVER_FILE = "task-driver.sh";
export const WRAPPER_FILE = "sweepforge-trial.sh";

/** The runner's wrapper, the one way a trial is executed (templates/wrapper/). */
export const WRAPPER_TEMPLATE = "wrapper/sweepforge-trial.sh";

/** How the driver hands one trial to the wrapper (see the wrapper's header). */
const WRAPPER_CALL = 'exec /bin/sh "$wrapper" "$run_dir/trials/$trial_id" -- "$@"';

export function driverFiles(options: CompileOptions): readonly ArtifactFile[] {
  const provenance = commentBlock(options.provenance);
  const driver = render("driver/task-driver.sh.hbs", {
    provenance,
    rowFields: ROW_FIELDS.join(", "),
    wrapperFile: WRAPPER_FILE,
    wrapperCall: WRAPPER_CALL,
  });

  return [
    { path: DRIVER_FILE, content: driver, executable: true },
    { path: WRAPPER_FILE, content: withHeader(templateText(WRAPPER_TEMPLATE), provenance),
      executable: true },
  ];
}

/** Puts the provenance comment right after the wrapper's shebang line. */
function withHeader(script: string, provenance: string): string {
  const newline = script.indexOf("\n");
  if (!script.startsWith("#!") || newline < 0) return `${provenance}\n${script}`;
  return `${script.slice(0, newline + 1)}${provenance}\n${script.slice(newline + 1)}`;
}
