export { captureEnvironment, type CaptureOptions } from "./capture.ts";
export { EnvironmentRecord, ENVIRONMENT_SCHEMA_VERSION } from "./schema.ts";
export { REDACTED, isSecretName, splitVariables } from "./variables.ts";
export type { Probe } from "./probe.ts";
