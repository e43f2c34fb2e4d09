// The run's append-only journal: one JSON event per line. Appends are single
// write calls, so a crash can tear only the last line, which readers skip.
import { appendFile, readFile } from "node:fs/promises";
import { appendFileSync, closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { RUN_FILES } from "./layout.ts";

export interface JournalEvent {
  readonly event: string;
  readonly at: string;
  readonly [field: string]: unknown;
}

export function journalPath(runDir: string): string {
  return join(runDir, RUN_FILES.journal);
}

function line(event: string, fields: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify({ event, at: new Date().toISOString(), ...fields })}\n`;
}

export async function appendJournal(
  runDir: string, event: string, fields: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  await appendFile(journalPath(runDir), line(event, fields));
}

export function appendJournalSync(
  runDir: string, event: string, fields: Readonly<Record<string, unknown>> = {},
): void {
  appendFileSync(journalPath(runDir), line(event, fields));
}

/** Keeps the journal open for a run's many appends: one write call per event. */
export class JournalWriter {
  private readonly fd: number;

  constructor(runDir: string) {
    this.fd = openSync(journalPath(runDir), "a");
  }

  append(event: string, fields: Readonly<Record<string, unknown>> = {}): void {
    writeSync(this.fd, line(event, fields));
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Every complete event; a torn or foreign line is skipped, a missing journal is empty. */
export async function readJournal(runDir: string): Promise<JournalEvent[]> {
  let text: string;
  try {
    text = await readFile(journalPath(runDir), "utf8");
  } catch {
    return [];
  }

  const events: JournalEvent[] = [];
  for (const raw of text.split("\n")) {
    try {
      const value: unknown = JSON.parse(raw);
      if (isEvent(value)) events.push(value);
    } catch {
      // A torn last line (the runner was killed mid-append) carries nothing.
    }
  }
  return events;
}

function isEvent(value: unknown): value is JournalEvent {
  return typeof value === "object" && value !== null
    && typeof (value as { event?: unknown }).event === "string"
    && typeof (value as { at?: unknown }).at === "string";
}
