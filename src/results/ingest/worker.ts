// A worker thread that reads pieces of a result file as the main thread hands
// them out and posts back each piece's aggregate. Errors travel back as data;
// UserErrors keep their problems.
import { parentPort, workerData } from "node:worker_threads";
import { UserError } from "../../errors.ts";
import type { WorkerMessage, WorkerRequest } from "./parallel.ts";
import { ingestPiece, type Piece } from "./piece.ts";

const request = workerData as WorkerRequest;
const trialParams = new Map(request.trialParams);
const port = parentPort!;
const post = (message: WorkerMessage): void => port.postMessage(message);

port.on("message", (piece: Piece | null) => {
  if (piece === null) {
    port.close();
    return;
  }
  ingestPiece(request, trialParams, piece, (bytes) =>
    post({ kind: "bytes", bytes }),
  ).then(
    (groups) => post({ kind: "done", groups }),
    (error: unknown) =>
      post({
        kind: "error",
        error:
          error instanceof UserError
            ? { problems: error.problems, message: error.message }
            : { message: (error as Error).message },
      }),
  );
});
post({ kind: "ready" });
