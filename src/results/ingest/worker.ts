// A worker thread that ingests one byte range of a result file and posts back
// its aggregate. Errors travel back as data; UserErrors keep their problems.
import { parentPort, workerData } from "node:worker_threads";
import { UserError } from "../../errors.ts";
import { Aggregate } from "../aggregate.ts";
import type { WorkerMessage, WorkerRequest } from "./parallel.ts";
import { ingestResultFile } from "./result-file.ts";

const request = workerData as WorkerRequest;
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);

try {
  const { by, metrics, seed } = request;
  const aggregate = new Aggregate({ by, metrics, seed });
  await ingestResultFile(request.file, aggregate, {
    ...request.hints,
    roles: request.roles,
    ...(request.csvHeader ? { csvHeader: request.csvHeader } : {}),
    trialParams: new Map(request.trialParams),
    range: {
      start: request.start, end: request.end,
      onBytes: (bytes) => post({ kind: "bytes", bytes }),
    },
  });
  post({ kind: "done", groups: aggregate.snapshot() });
} catch (error) {
  post({
    kind: "error",
    error: error instanceof UserError ? { problems: error.problems, message: error.message }
      : { message: (error as Error).message },
  });
}
