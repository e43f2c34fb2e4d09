// The worker side of the render pool: draws each figure it is sent with its
// own vega runtime and bundled fonts, and posts the SVG/PNG (or the error) back.
import { parentPort } from "node:worker_threads";
import type { RenderReply, RenderRequest } from "./render-pool.ts";
import { renderSpec, yieldToEventLoop } from "./render.ts";

const port = parentPort!;

port.on("message", async (request: RenderRequest) => {
  let reply: RenderReply;
  try {
    const figure = await renderSpec(request.spec, request.formats, request.metadata);
    reply = { id: request.id, figure };
  } catch (error) {
    reply = { id: request.id, error };
  }

  port.postMessage(reply);
  await yieldToEventLoop();
});
