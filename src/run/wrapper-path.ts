// Where the shared trial wrapper lives (templates/wrapper/), so that the
// runner and the cluster compilers execute trials with the same file.
import { fileURLToPath } from "node:url";

export const WRAPPER_PATH = fileURLToPath(
  new URL("../../templates/wrapper/sweepforge-trial.sh", import.meta.url));
