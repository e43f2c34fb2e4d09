// Resolves a step's command for one trial: fills argv placeholders, quotes
// shell placeholders, or calls the DSL callback. A shell step always becomes
// ["/bin/sh", "-c", script], so backends only ever see an argv.
import type { Command, TrialContext } from "../definition/types.ts";
import {
  fillTemplate,
  formatValue,
  parseTemplate,
  type TemplatePart,
} from "../definition/placeholders.ts";

export type ArgvBuilder = (trial: TrialContext) => readonly string[];

export function argvBuilder(command: Command): ArgvBuilder {
  switch (command.kind) {
    case "argv": {
      const words = command.argv.map((template) => argvWord(parseTemplate(template)));
      return (trial) => words.map((word) => word(trial));
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

// Most argv words are fixed text or exactly one placeholder; those skip the
// general template walk, which runs once per word of every trial.
function argvWord(parts: readonly TemplatePart[]): (trial: TrialContext) => string {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (parts.length === 0) return () => "";
  if (only !== undefined && "literal" in only) return () => only.literal;
  if (only !== undefined) return (trial) => formatValue(trial[only.name]);
  return (trial) => fillTemplate(parts, trial, false);
}
