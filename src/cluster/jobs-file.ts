// <run>/jobs.json: every submission made for a run, appended to, never
// rewritten, so cancel and status know every job id ever submitted.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { UserError } from "../errors.ts";
import { RUN_FILES } from "../record/layout.ts";

export const JOBS_FILE_SCHEMA_VERSION = 1;

export const SubmittedJob = z.object({
  name: z.string(),
  step: z.string(),
  part: z.number().int().nonnegative(),
  script: z.string(),
  id: z.string(),
  tasks: z.number().int().positive(),
  offset: z.number().int().nonnegative(),
  dependsOn: z.array(z.object({ id: z.string(), kind: z.enum(["aftercorr", "afterok"]) })),
  begin: z.string().optional(),
});
export type SubmittedJob = z.infer<typeof SubmittedJob>;

export const Submission = z.object({
  submittedAt: z.string(),
  backend: z.enum(["slurm", "pbs"]),
  resume: z.boolean(),
  trials: z.number().int().nonnegative(),
  jobs: z.array(SubmittedJob),
});
export type Submission = z.infer<typeof Submission>;

export const JobsFile = z.object({
  schemaVersion: z.literal(JOBS_FILE_SCHEMA_VERSION),
  submissions: z.array(Submission),
});
export type JobsFile = z.infer<typeof JobsFile>;

export function jobsFilePath(runDir: string): string {
  return join(runDir, RUN_FILES.jobs);
}

/** The run's submissions; none when nothing was submitted yet. */
export async function readJobsFile(runDir: string): Promise<JobsFile> {
  const file = jobsFilePath(runDir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return { schemaVersion: JOBS_FILE_SCHEMA_VERSION, submissions: [] };
  }

  const parsed = JobsFile.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new UserError({
      code: "cluster/jobs-file-invalid",
      message: `jobs.json does not match its schema: ${parsed.error.issues[0]?.message}`,
      file,
      path: parsed.error.issues[0]?.path.map((part) => (typeof part === "symbol" ? "" : part)),
      fix: "restore jobs.json from a backup, or delete it if no jobs of this run are queued",
    });
  }
  return parsed.data;
}

/** Appends one submission, writing through a temporary file and rename. */
export async function appendSubmission(runDir: string, submission: Submission): Promise<void> {
  const current = await readJobsFile(runDir);
  const next: JobsFile = { ...current, submissions: [...current.submissions, submission] };
  const file = jobsFilePath(runDir);

  await mkdir(runDir, { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}
