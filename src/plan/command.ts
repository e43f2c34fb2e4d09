// Resolves a step's command for one trial: fills argv placeholders, quotes
// shell placeholders, or calls the DSL callback. A shell step always becomes
// ["/bin/sh", "-c", script], so backends only ever see an argv.
import type { Command, TrialContext } from "../definition/types.ts";
import { fillTemplate, parseTemplate } from "../definition/placeholders.ts";

export type ArgvBuilder = (trial: TrialContext) => readonly string[];

export function argvBuilder(command: Command): ArgvBuilder {
  switch (command.kind) {
    case "argv": {
      const templates = command.argv.map(parseTemplate);
      return (trial) => templates.map((parts) => fillTemplate(parts, trial, false));
    }
    case "shell": {
      const parts = parseTemplate(command.script);
      return (trial) => ["/bin/sh", "-c", fillTemplate(parts, trial, true)];
    }
    case "argv-function":
      return (trial) => command.build(trial).map(String);
    case "shell-function":
      return (trial) => ["/bin/sh", "-c", command.build(trial).text];
  }
}
