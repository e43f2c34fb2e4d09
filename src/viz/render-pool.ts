// Draws many figures on every core: the calling thread renders, and so does one
// worker thread per further core (once there is enough to draw), each with its
// own vega runtime and bundled fonts. A figure's bytes do not depend on the thread.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { workerModuleUrl } from "../worker-module.ts";
import {
  renderSpec,
  yieldToEventLoop,
  type FigureFormat,
  type RenderedFigure,
} from "./render.ts";

export interface RenderTask {
  readonly spec: Readonly<Record<string, unknown>>;
  readonly formats: readonly FigureFormat[];
  readonly metadata: Readonly<Record<string, string>>;
  /** A relative estimate of the work (e.g. the spec's size); costlier ones start first. */
  readonly cost?: number;
}

export interface RenderRequest extends RenderTask {
  readonly id: number;
}

export type RenderReply =
  | { readonly id: number; readonly figure: RenderedFigure }
  | { readonly id: number; readonly error: unknown };

export interface RenderAllOptions {
  /**
   * Threads drawing at once, the calling one included (default: one per core,
   * once the process has had FIGURES_BEFORE_WORKERS figures to draw).
   */
  readonly threads?: number;
  /** Called as each figure is drawn, in whatever order they finish. */
  readonly onRendered?: (index: number, figure: RenderedFigure) => Promise<void> | void;
}

interface Renderer {
  readonly costliestFirst: boolean;
  readonly render: (task: RenderTask) => Promise<RenderedFigure>;
}

/** Renders every task and returns the figures in the tasks' order. */
export async function renderAll(
  tasks: readonly RenderTask[],
  options: RenderAllOptions = {},
): Promise<RenderedFigure[]> {
  const renderers: Renderer[] = [
    { costliestFirst: true, render: renderHere },
    ...helpers(options.threads, tasks.length).map((worker) => ({
      costliestFirst: false,
      render: (task: RenderTask) => worker.render(task),
    })),
  ];
  const order = byCost(tasks);
  const figures: RenderedFigure[] = [];
  let front = 0;
  let back = order.length - 1;
  let failed = false;

  // Each thread takes another figure when it is free, so a slow one holds none
  // back. The calling thread takes the costliest and the workers the cheapest:
  // a worker may still be loading, and a costly figure should never wait for it.
  const drain = async ({ costliestFirst, render }: Renderer): Promise<void> => {
    while (!failed && front <= back) {
      const index = costliestFirst ? order[front++]! : order[back--]!;
      try {
        figures[index] = await render(tasks[index] as RenderTask);
        await options.onRendered?.(index, figures[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(renderers.map(drain));
  return figures;
}

/**
 * A worker needs about half a second of CPU to load vega and warm up, which a
 * handful of figures does not pay back on a busy machine. Unless told how many
 * threads to use, a process starts workers only once it has had this many
 * figures to draw (counting every call), and keeps using them after that.
 */
export const FIGURES_BEFORE_WORKERS = 24;

let figuresAsked = 0;

function helpers(requested: number | undefined, tasks: number): RenderWorker[] {
  figuresAsked += tasks;
  const extra = Math.max(1, Math.min(requested ?? availableParallelism(), tasks)) - 1;
  const worthIt = requested !== undefined || figuresAsked >= FIGURES_BEFORE_WORKERS;
  return worthIt || pool.length > 0 ? workers(extra) : [];
}

// Longest first: a big figure drawn last would leave the other threads idle.
function byCost(tasks: readonly RenderTask[]): number[] {
  const indices = tasks.map((_, index) => index);
  return indices.sort((a, b) => (tasks[b]!.cost ?? 0) - (tasks[a]!.cost ?? 0) || a - b);
}

/** What a worker posts back for a request: the figure, or why it failed. */
export async function answer(request: RenderRequest): Promise<RenderReply> {
  try {
    const figure = await renderSpec(request.spec, request.formats, request.metadata);
    return { id: request.id, figure };
  } catch (error) {
    return { id: request.id, error };
  }
}

async function renderHere(task: RenderTask): Promise<RenderedFigure> {
  const figure = await renderSpec(task.spec, task.formats, task.metadata);
  await yieldToEventLoop();
  return figure;
}

// Started on first need and kept for the life of the process; an idle worker
// does not keep the process alive.
const pool: RenderWorker[] = [];

function workers(count: number): RenderWorker[] {
  for (let i = 0; i < pool.length; i += 1) {
    if (pool[i]!.exited) pool[i] = new RenderWorker();
  }
  while (pool.length < count) pool.push(new RenderWorker());
  return pool.slice(0, count);
}

/** How many worker threads are running. */
export function renderWorkerCount(): number {
  return pool.filter((worker) => !worker.exited).length;
}

/** Stops the worker threads (tests and benchmarks tidy up with it). */
export async function closeRenderWorkers(): Promise<void> {
  const stopping = pool.splice(0).map((worker) => worker.terminate());
  await Promise.all(stopping);
}

const YOUNG_GENERATION_MB = 192;

interface Pending {
  readonly resolve: (figure: RenderedFigure) => void;
  readonly reject: (error: unknown) => void;
}

const RENDER_WORKER_MODULE = new URL("./render-worker.ts", import.meta.url);

class RenderWorker {
  /** The thread, once its bundled module is built; rejects when the build fails. */
  private readonly started: Promise<Worker>;
  private thread: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  exited = false;

  constructor() {
    this.started = workerModuleUrl(RENDER_WORKER_MODULE).then((url) => this.start(url));
    this.started.catch(() => {
      this.exited = true;
    });
  }

  async render(task: RenderTask): Promise<RenderedFigure> {
    const worker = await this.started;
    const id = this.nextId++;
    const request: RenderRequest = { ...task, id };
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  async terminate(): Promise<void> {
    await this.started.then(
      (worker) => worker.terminate(),
      () => undefined,
    );
  }

  // A loader inherited from the parent's flags would only slow the plain
  // bundle down. A figure of thousands of points allocates hundreds of
  // megabytes of short-lived objects: a larger young generation collects them
  // in fewer, cheaper passes.
  private start(url: URL): Worker {
    const worker = new Worker(url, {
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.unref();
    worker.on("message", (reply: RenderReply) => this.settle(reply));
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => {
      this.exited = true;
      this.failAll(new Error(`a figure render worker stopped (exit code ${code})`));
    });
    this.thread = worker;
    return worker;
  }

  private settle(reply: RenderReply): void {
    const pending = this.take(reply.id);
    if ("error" in reply) pending?.reject(reply.error);
    else pending?.resolve(transferred(reply.figure));
  }

  private failAll(error: unknown): void {
    for (const id of [...this.pending.keys()]) this.take(id)?.reject(error);
  }

  private take(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.thread?.unref();
    return pending;
  }
}

// A Buffer crosses threads as a plain Uint8Array.
function transferred(figure: RenderedFigure): RenderedFigure {
  const png = figure.png;
  if (png === undefined) return figure;
  return { ...figure, png: Buffer.from(png.buffer, png.byteOffset, png.byteLength) };
}
