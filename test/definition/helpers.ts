// Real files in a fresh temporary directory for loader tests.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError, type Problem } from "../../src/errors.ts";

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "sweepforge-def-"));
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** The problems a promise rejects with; fails the test if it resolves. */
export async function problemsOf(promise: Promise<unknown>): Promise<readonly Problem[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
  throw new Error("expected a UserError, but loading succeeded");
}

export const MINIMAL_YAML = `name: tiny
params:
  n: [1, 2]
steps:
  run:
    run: [echo, "{n}"]
`;
