// Vega-Lite spec → SVG and/or PNG, headless: vega renders with no browser, and
// the canvas module (@napi-rs/canvas, a prebuilt binary from npm) measures and
// rasterises text in the bundled fonts.
import { PngFilter } from "canvas";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { embedPngText, embedSvgMetadata } from "./embed-metadata.ts";
import { registerBundledFonts } from "./fonts.ts";

export type FigureFormat = "svg" | "png";

export interface RenderedFigure {
  readonly svg?: string;
  readonly png?: Buffer;
}

/** PNGs are drawn at twice the nominal size, for slides and print. */
export const PNG_SCALE = 2;

/**
 * Charts are large flat areas of one colour: unfiltered rows deflate smaller
 * than libpng's per-row filter search, and encode two to three times faster.
 */
export const PNG_ENCODING = { filters: PngFilter.None } as const;

// Compiler notes (e.g. "zero dropped on a log scale") are not the user's concern.
const ignore = (): unknown => SILENT;
const SILENT = {
  level: ignore,
  error: ignore,
  warn: ignore,
  info: ignore,
  debug: ignore,
} as unknown as NonNullable<Parameters<typeof compile>[1]>["logger"];

interface CanvasLike {
  encode(format: "png", options: typeof PNG_ENCODING): Promise<Buffer>;
}

export async function renderSpec(
  spec: Readonly<Record<string, unknown>>,
  formats: readonly FigureFormat[],
  metadata: Readonly<Record<string, string>>,
): Promise<RenderedFigure> {
  await registerBundledFonts();
  const compiled = compile(spec as unknown as TopLevelSpec, { logger: SILENT }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" }).logLevel(
    vega.None,
  );

  try {
    const svg = formats.includes("svg")
      ? embedSvgMetadata(await svgOf(view), metadata)
      : undefined;
    const png = formats.includes("png")
      ? embedPngText(await pngOf(view), metadata)
      : undefined;
    return { ...(svg ? { svg } : {}), ...(png ? { png } : {}) };
  } finally {
    view.finalize();
  }
}

// Clip and gradient ids count up across a process: restarting them per figure
// makes each SVG the same whichever thread drew it and whatever came before.
function svgOf(view: vega.View): Promise<string> {
  vega.resetSVGDefIds();
  return view.toSVG();
}

// The encoder runs on libuv's thread pool: the thread stays free for other work.
async function pngOf(view: vega.View): Promise<Buffer> {
  const canvas = (await view.toCanvas(PNG_SCALE)) as unknown as CanvasLike;
  return canvas.encode("png", PNG_ENCODING);
}

/**
 * Lets the event loop turn: native image buffers are released only then, and
 * a tight loop of renders otherwise grows memory by megabytes per figure.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
