// The worker side of the render pool: draws each figure it is sent with its
// own vega runtime and bundled fonts, and posts the SVG/PNG (or the error) back.
import { parentPort } from "node:worker_threads";
import { answer, type RenderRequest } from "./render-pool.ts";
import { yieldToEventLoop } from "./render.ts";

const port = parentPort!;

port.on("message", async (request: RenderRequest) => {
  port.postMessage(await answer(request));
  await yieldToEventLoop();
});
