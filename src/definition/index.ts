// Definitions: the schema, the loaders for experiment.ts / YAML / JSON, the
// safe expression language and definition errors.
export type * from "./types.ts";
export { loadDefinition, loadDataDefinition, checkedDefinition } from "./load.ts";
export type { LoadOptions } from "./load.ts";
export { DefinitionFileSchema } from "./schema.ts";
export type { DefinitionFile } from "./schema.ts";
export { validateDefinition, findCycle, resolveMemoryMiB, resolveSeconds } from "./validate.ts";
export { ProblemList } from "./problems.ts";
export {
  parseExpression, evaluate, evaluateText, referencedNames, ExpressionError, FUNCTIONS,
} from "./expression/index.ts";
export { parseTemplate, fillTemplate, placeholderNames, formatValue } from "./placeholders.ts";
export { nearest } from "./nearest.ts";
