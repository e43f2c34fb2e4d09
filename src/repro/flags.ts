// zod at the CLI boundary for the reproducibility commands: raw commander
// options in, typed options out, failures as UserErrors naming the flag.
import type { z } from "zod";
import { UserError } from "../errors.ts";

export function parseCommandFlags<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  command: string,
): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new UserError(
    parsed.error.issues.map((issue) => {
      const flag = `--${String(issue.path[0] ?? "?").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      return {
        code: `${command}/bad-flag`,
        message: `${flag}: ${issue.message}`,
        path: [flag],
        fix: `see \`sweepforge ${command} --help\``,
      };
    }),
  );
}
