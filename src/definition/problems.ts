// Definition problems as data: zod issues and semantic checks become
// Problems naming the file (with line and column when known), the field
// path and a fix. Everything found is reported together, once.
import type { z } from "zod";
import { UserError, type Problem } from "../errors.ts";
import type { SourcePosition } from "./types.ts";
import { suggestion } from "./nearest.ts";
import {
  ClusterSchema,
  DefinitionFileSchema,
  MetricSchema,
  ParamObjectSchema,
  ResourcesSchema,
  SampleSchema,
  StepSchema,
} from "./schema.ts";

export type FieldPath = readonly (string | number)[];
export type Locate = (path: FieldPath) => SourcePosition | undefined;

/** Collects problems for one definition file, then throws them all at once. */
export class ProblemList {
  private readonly problems: { problem: Problem; position?: SourcePosition }[] = [];

  constructor(
    private readonly file: string | undefined,
    private readonly locate?: Locate,
  ) {}

  add(code: string, path: FieldPath, message: string, fix: string): void {
    const position = this.locate?.(path);
    const file =
      this.file && position
        ? `${this.file}:${position.line}:${position.column}`
        : this.file;
    const problem: Problem = {
      code: `definition/${code}`,
      message,
      path: [...path],
      fix,
      ...(file === undefined ? {} : { file }),
    };
    this.problems.push(position ? { problem, position } : { problem });
  }

  addZodIssues(issues: readonly z.core.$ZodIssue[], prefix: FieldPath = []): void {
    for (const issue of issues)
      this.addZodIssue(issue, [...prefix, ...(issue.path as FieldPath)]);
  }

  /**
   * Drops problems reported exactly at one of `paths`, other than unknown
   * keys: a misspelt key already explains why its object looks incomplete.
   */
  forgiveAt(paths: readonly FieldPath[]): void {
    const keys = new Set(paths.map((path) => JSON.stringify(path)));
    const kept = this.problems.filter(
      ({ problem }) =>
        problem.code === "definition/unknown-key" ||
        !keys.has(JSON.stringify(problem.path)),
    );
    this.problems.splice(0, this.problems.length, ...kept);
  }

  get size(): number {
    return this.problems.length;
  }

  /** Throws every problem, in reading order where lines are known. */
  throwIfAny(): void {
    if (this.problems.length === 0) return;
    const ordered = [...this.problems].sort((a, b) => compare(a.position, b.position));
    throw new UserError(ordered.map((entry) => entry.problem));
  }

  private addZodIssue(issue: z.core.$ZodIssue, path: FieldPath): void {
    if (issue.code === "unrecognized_keys") {
      const valid = validKeysAt(path);
      for (const key of issue.keys) {
        this.add(
          "unknown-key",
          [...path, key],
          `unknown key "${key}"`,
          `${suggestion(key, valid, "valid key")}`,
        );
      }
      return;
    }

    if (issue.code === "invalid_union") {
      const expected = issue.errors.map((errors) =>
        errors[0]?.code === "invalid_type" ? errors[0].expected : "a valid form",
      );
      this.add(
        "wrong-type",
        path,
        `expected ${[...new Set(expected)].join(" or ")}`,
        formFix(path),
      );
      return;
    }

    const message = issue.message.replace(/^Invalid input: /, "");
    this.add(
      issue.code === "invalid_type" ? "wrong-type" : "invalid-value",
      path,
      message,
      formFix(path),
    );
  }
}

// Where an expression object is allowed, say so in the fix.
function formFix(path: FieldPath): string {
  if (path[path.length - 2] === "resources") {
    return 'give a number, a text like "2GiB" / "10m", or { expr: "..." }';
  }
  return "see docs/dsl.md for the form this field takes";
}

const TOP_KEYS = Object.keys(DefinitionFileSchema.shape);

/** The keys a strict object accepts at `path` in a definition file. */
function validKeysAt(path: FieldPath): string[] {
  const [first, , third] = path;
  if (path.length === 0) return TOP_KEYS;
  if (first === "steps" && path.length === 2) return Object.keys(StepSchema.shape);
  if (first === "steps" && third === "resources")
    return Object.keys(ResourcesSchema.shape);
  if (first === "params") return Object.keys(ParamObjectSchema.shape);
  if (first === "metrics" && path.length === 2) return Object.keys(MetricSchema.shape);
  if (first === "metrics") return ["absolute", "relative"];
  if (first === "cluster") return Object.keys(ClusterSchema.shape);
  if (first === "sample") return Object.keys(SampleSchema.shape);
  return ["expr"];
}

// Positioned problems in source order; unpositioned ones keep their order.
function compare(a?: SourcePosition, b?: SourcePosition): number {
  if (!a || !b) return 0;
  return a.line - b.line || a.column - b.column;
}
