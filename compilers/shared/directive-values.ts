// Checks the free-text values that end up in #SBATCH / #PBS lines. A newline
// would start a new directive (or a command), so it is refused, not escaped.
import { UserError, type Problem } from "../../src/errors.ts";
import type { CompileOptions } from "./options.ts";
import type { Plan } from "../../src/plan/types.ts";

export interface ClusterSettings {
  readonly partition?: string;
  readonly account?: string;
  readonly qos?: string;
  readonly constraint?: string;
  readonly extraDirectives: readonly string[];
}

const WORD = /^[A-Za-z0-9_.,:|&!*@+=[\]-]+$/;

/** Flags win over the definition; every value is checked once, all problems together. */
export function clusterSettings(plan: Plan, options: CompileOptions): ClusterSettings {
  const settings: ClusterSettings = {
    partition: options.partition ?? plan.cluster.partition,
    account: options.account ?? plan.cluster.account,
    qos: options.qos ?? plan.cluster.qos,
    constraint: options.constraint ?? plan.cluster.constraint,
    extraDirectives: [
      ...(plan.cluster.extraDirectives ?? []),
      ...(options.extraDirectives ?? []),
    ],
  };

  const problems: Problem[] = [];
  for (const field of ["partition", "account", "qos", "constraint"] as const) {
    const value = settings[field];
    if (value !== undefined && !WORD.test(value)) {
      problems.push({
        code: "compile/unsafe-directive",
        message: `${field} ${JSON.stringify(value)} contains spaces, quotes or line breaks`,
        file: plan.definition.path,
        path: ["cluster", field],
        fix: `use the scheduler's name for the ${field}: letters, digits and _.,:|&!*@+=-[]`,
      });
    }
  }
  settings.extraDirectives.forEach((directive, i) => {
    if (/[\r\n]/.test(directive) || directive.trim() === "") {
      problems.push({
        code: "compile/unsafe-directive",
        message: `extra directive ${JSON.stringify(directive)} is empty or spans lines`,
        file: plan.definition.path,
        path: ["cluster", "extraDirectives", i],
        fix: "give each directive as one line, e.g. \"--exclusive\"",
      });
    }
  });
  if (problems.length > 0) throw new UserError(problems);
  return settings;
}

/** A job name the schedulers accept: letters, digits, _ . - only. */
export function jobName(...parts: readonly string[]): string {
  const name = parts.join("-").replaceAll(/[^A-Za-z0-9_.-]/g, "_");
  return /^[A-Za-z]/.test(name) ? name : `j${name}`;
}
