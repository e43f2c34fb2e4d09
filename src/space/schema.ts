// The shape of a SpaceSpec, checked with zod before anything else: a spec
// built in user code (the DSL, or plain JavaScript) may carry a wrong kind, a
// string where a number belongs, or a missing field. Value rules (ranges that
// run backwards, empty lists, …) are checked when the dimension is compiled.
import { z } from "zod";
import { UserError, type Problem } from "../errors.ts";
import type { SpaceOrigin } from "./problems.ts";
import type { SpaceSpec } from "./spec.ts";

// Any number passes here (NaN and infinities included): the dimension
// compiler rejects those with a message that names the value.
const number = z.custom<number>((value) => typeof value === "number", {
  message: "expected a number",
});
const paramValue = z.union([number, z.string(), z.boolean()]);
const scale = z.enum(["linear", "log"]);
const condition = z.object({ param: z.string(), in: z.array(paramValue) });

const common = {
  name: z.string(),
  unit: z.string().optional(),
  scale: scale.optional(),
  when: condition.optional(),
};

const bounds = { low: number, high: number };
const span = { start: number, stop: number };

export const dimensionSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("list"), ...common, values: z.array(z.unknown()) }),
  z.object({
    kind: z.literal("categorical"),
    ...common,
    values: z.array(z.union([z.string(), z.boolean()])),
  }),
  z.object({ kind: z.literal("intRange"), ...common, ...span, step: number.optional() }),
  z.object({ kind: z.literal("floatRange"), ...common, ...span, step: number }),
  z.object({ kind: z.literal("linspace"), ...common, ...span, count: number }),
  z.object({ kind: z.literal("logspace"), ...common, ...span, count: number }),
  z.object({ kind: z.literal("uniform"), ...common, ...bounds }),
  z.object({ kind: z.literal("logUniform"), ...common, ...bounds }),
  z.object({ kind: z.literal("intUniform"), ...common, ...bounds }),
  z.object({
    kind: z.literal("zip"),
    names: z.array(z.string()),
    rows: z.array(z.array(z.unknown())),
    units: z.record(z.string(), z.string()).optional(),
    scales: z.record(z.string(), scale).optional(),
    when: condition.optional(),
  }),
]);

const fn = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === "function",
  {
    message: "expected a function",
  },
);

export const spaceSpecSchema = z.object({
  dimensions: z.array(dimensionSpecSchema),
  derived: z
    .array(
      z.object({
        name: z.string(),
        compute: fn,
        unit: z.string().optional(),
        scale: scale.optional(),
      }),
    )
    .optional(),
  constraints: z.array(z.object({ describe: z.string(), test: fn })).optional(),
  sample: z
    .object({
      method: z.enum(["random", "lhs", "sobol"]),
      count: number,
      scramble: z.boolean().optional(),
    })
    .optional(),
  replicates: number.optional(),
  seed: number,
});

/** Throws a UserError listing every shape problem, each with its path. */
export function checkSpaceShape(
  spec: unknown,
  origin: SpaceOrigin,
): asserts spec is SpaceSpec {
  const result = spaceSpecSchema.safeParse(spec);
  if (result.success) return;

  const problems = result.error.issues.map(
    (issue): Problem => ({
      code: "space/invalid-spec",
      message: issue.message,
      ...(origin.file === undefined ? {} : { file: origin.file }),
      path: locate(spec, issue.path, origin),
      fix: fixFor(issue),
    }),
  );
  throw new UserError(problems);
}

// Dimension fields are reported under the dimension's name, like every other
// dimension problem; the rest of the spec at its own top-level path.
function locate(
  spec: unknown,
  path: readonly PropertyKey[],
  origin: SpaceOrigin,
): (string | number)[] {
  const parts = path.map((part) => (typeof part === "symbol" ? String(part) : part));
  if (parts[0] !== "dimensions" || typeof parts[1] !== "number") return parts;

  const dimension = (spec as { dimensions: unknown[] }).dimensions[parts[1]] as
    | { name?: unknown; names?: unknown }
    | undefined;
  const label =
    typeof dimension?.name === "string"
      ? dimension.name
      : Array.isArray(dimension?.names)
        ? dimension.names.join("+")
        : parts[1];
  return [...(origin.path ?? ["params"]), label, ...parts.slice(2)];
}

function fixFor(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union" && "options" in issue) {
    return `use one of: ${(issue.options as unknown[]).join(", ")}`;
  }
  if (issue.code === "invalid_type") return `give a value of type ${issue.expected}`;
  if (issue.code === "invalid_value")
    return `use one of: ${issue.values.map(String).join(", ")}`;
  return "correct the value";
}
