// Results: streaming ingestion of run directories and result files, summary
// statistics, main effects and run-to-run comparison.
export { Aggregate, Group, RESOURCE_METRICS, progressStep } from "./aggregate.ts";
export type { AggregateOptions, GroupState } from "./aggregate.ts";
export { compareResults, loadForComparison } from "./compare.ts";
export type { Comparison, ConfigurationComparison, MetricComparison } from "./compare.ts";
export { mainEffects } from "./effects.ts";
export type { MarginalMean, MetricEffects, ParamEffect } from "./effects.ts";
export { compareParams, groupKey, groupParams } from "./group-key.ts";
export type { Params } from "./group-key.ts";
export { ingestRunDirectory } from "./ingest/run-directory.ts";
export type { CustomPlot, RunInfo, TrialFailure } from "./ingest/run-directory.ts";
export { ingestResultFile } from "./ingest/result-file.ts";
export { loadResults } from "./load.ts";
export type { LoadOptions as ResultLoadOptions, LoadProgress, ResultSet } from "./load.ts";
export { summarize, summaryToCsv } from "./summary.ts";
export type { BestForMetric, GroupSummary, Summary } from "./summary.ts";
export { describeMetric, intervalFromMoments, INTERVAL_METHOD } from "./stats/describe.ts";
export type { MetricSummary } from "./stats/describe.ts";
export { QuantileSketch } from "./stats/quantile-sketch.ts";
export { Reservoir, seededRandom } from "./stats/reservoir.ts";
export {
  incompleteBeta, logGamma, studentTCdf, studentTQuantile, studentTTwoSidedP,
} from "./stats/t-distribution.ts";
export { welchTest } from "./stats/welch.ts";
export type { WelchResult } from "./stats/welch.ts";
export { Welford } from "./stats/welford.ts";
export type { Moments } from "./stats/welford.ts";
