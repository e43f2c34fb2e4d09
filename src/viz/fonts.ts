// Bundled fonts (DejaVu, from the dejavu-fonts-ttf package), registered with the
// canvas module vega measures and rasterises text with, so a figure has the
// same text metrics and glyphs on every machine, fonts installed or not.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const FONT_REGULAR = "SweepforgeSans";
export const FONT_BOLD = "SweepforgeSans Bold";
/** What SVG viewers fall back to when they lack the bundled face. */
export const FONT_STACK = `${FONT_REGULAR}, "DejaVu Sans", Verdana, sans-serif`;
export const FONT_STACK_BOLD = `${FONT_BOLD}, "DejaVu Sans", Verdana, sans-serif`;

let registered: Promise<void> | null = null;

export function fontDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
}

// Bold is its own family: registering both weights under one name made the
// canvas pick bold for every label.
export function registerBundledFonts(): Promise<void> {
  registered ??= (async () => {
    const { GlobalFonts } = await import("canvas");
    GlobalFonts.registerFromPath(join(fontDirectory(), "DejaVuSans.ttf"), FONT_REGULAR);
    GlobalFonts.registerFromPath(join(fontDirectory(), "DejaVuSans-Bold.ttf"), FONT_BOLD);
  })();
  return registered;
}
