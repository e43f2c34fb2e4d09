// Visualisation: the standard figure set from streamed aggregates, Vega-Lite
// templates rendered headlessly to SVG/PNG with provenance, and the dashboard.
export { drawComparison, overlayFigures } from "./compare-figures.ts";
export { dashboardHtml, writeDashboard } from "./dashboard.ts";
export { embedPngText, embedSvgMetadata, readPngText } from "./embed-metadata.ts";
export type { Figure } from "./figures/context.ts";
export { paretoFront } from "./figures/pareto.ts";
export { plotResults } from "./plot.ts";
export type { FormatChoice, PlotOptions, PlotReport, WrittenFigure } from "./plot.ts";
export { captionLines, provenanceOf } from "./provenance.ts";
export type { Provenance } from "./provenance.ts";
export { renderSpec } from "./render.ts";
export { standardFigures } from "./standard-set.ts";
export { fillTemplate as fillSpecTemplate, specFromTemplate } from "./templates.ts";
