// Errors as data. A user error (bad definition, flag or file) carries one or
// more problems, each naming the file, the field path and a fix; the CLI
// formats them for humans or as JSON and exits 2. A runtime failure (a trial
// failed, a package did not reproduce) exits 1. Anything else is a bug.

export interface Problem {
  /** Stable machine-readable code, e.g. "definition/unknown-key". */
  readonly code: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** The file the problem is in, when there is one. */
  readonly file?: string;
  /** Path to the offending field inside that file, e.g. ["steps", "sim", "run"]. */
  readonly path?: readonly (string | number)[];
  /** What would fix it. */
  readonly fix?: string;
}

export class UserError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: Problem | readonly Problem[], options?: { cause?: unknown }) {
    const list = Array.isArray(problems) ? problems : [problems as Problem];
    super(list.map(formatProblem).join("\n"), options);
    this.name = "UserError";
    this.problems = list;
  }

  get code(): string {
    return this.problems[0]?.code ?? "user-error";
  }
}

/** A failure of the work itself rather than of the user's input. */
export class RuntimeFailure extends Error {
  readonly code: string;
  readonly details: unknown;

  constructor(code: string, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RuntimeFailure";
    this.code = code;
    this.details = details;
  }
}

/** Shorthand for the common single-problem case. */
export function userError(problem: Problem): UserError {
  return new UserError(problem);
}

/** `file: at steps.sim.run: message (fix: …)` — one line per problem. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.path?.length ? `at ${formatPath(problem.path)}` : ""]
    .filter(Boolean)
    .join(": ");
  const fix = problem.fix ? `\n  fix: ${problem.fix}` : "";
  return `${where ? `${where}: ` : ""}${problem.message}${fix}`;
}

/** ["steps", "sim", 0] → "steps.sim[0]". */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}
