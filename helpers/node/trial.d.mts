// Types for ./trial.mjs.
export type ParamValue = number | string | boolean;
export declare function params(): Record<string, ParamValue>;
export declare function seed(): number;
export declare function trialId(): string;
export declare function outputDir(): string;
export declare function writeMetrics(metrics: Record<string, unknown>): void;
export declare function logProgress(entry: Record<string, unknown>): void;
