// One look for every figure: bundled fonts, readable sizes, light grids and a
// colour-blind-safe categorical palette (Okabe–Ito).
import { FONT_STACK, FONT_STACK_BOLD } from "./fonts.ts";

export const PALETTE = [
  "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
];

export const THEME = {
  font: FONT_STACK,
  background: "white",
  padding: 12,
  view: { stroke: "#888888", strokeWidth: 0.8 },
  range: { category: PALETTE },
  title: {
    font: FONT_STACK_BOLD, fontWeight: "normal", fontSize: 15, anchor: "start",
    subtitleFont: FONT_STACK, subtitleFontSize: 10, subtitleColor: "#555555",
    subtitlePadding: 4, offset: 10,
  },
  axis: {
    labelFont: FONT_STACK, labelFontSize: 11, titleFont: FONT_STACK_BOLD,
    titleFontWeight: "normal", titleFontSize: 12, gridColor: "#e6e6e6",
    domainColor: "#444444", tickColor: "#444444", titlePadding: 8,
  },
  legend: {
    labelFont: FONT_STACK, labelFontSize: 11, titleFont: FONT_STACK_BOLD,
    titleFontWeight: "normal", titleFontSize: 12,
  },
  header: { labelFont: FONT_STACK, titleFont: FONT_STACK_BOLD, titleFontWeight: "normal" },
  text: { font: FONT_STACK },
} as const;
