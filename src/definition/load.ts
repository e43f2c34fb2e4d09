// Loads an experiment from experiment.ts (default export: a builder or a
// Definition), .yaml/.yml or .json, validates it, and reports every problem
// at once with file, line and field path.
import { readFile } from "node:fs/promises";
import { extname, isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createHash } from "node:crypto";
import { UserError } from "../errors.ts";
import type { Definition, LoadedDefinition, ParamDefinition } from "./types.ts";
import type { z } from "zod";
import {
  DefinitionFileSchema,
  paramSchemaFor,
  type DefinitionFile,
  type ParamObjectFile,
} from "./schema.ts";
import { definitionFromFile, kindKeys, paramOf } from "./from-file.ts";
import { ProblemList, type FieldPath } from "./problems.ts";
import { validateDefinition } from "./validate.ts";
import { parseYamlSource } from "./yaml-source.ts";
import { DIMENSION_KEYS } from "./schema.ts";

const TS_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];
const DATA_EXTENSIONS = [".yaml", ".yml", ".json"];

export interface LoadOptions {
  /** Directory paths are shown relative to (default: process.cwd()). */
  readonly cwd?: string;
}

export async function loadDefinition(
  path: string,
  options: LoadOptions = {},
): Promise<LoadedDefinition> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, path);
  const shown = displayPath(absolute, cwd);
  const extension = extname(absolute).toLowerCase();

  if (!TS_EXTENSIONS.includes(extension) && !DATA_EXTENSIONS.includes(extension)) {
    throw new UserError({
      code: "definition/unknown-format",
      file: shown,
      message: `cannot tell the format of "${shown}" from its extension`,
      fix: `name it experiment.ts, .yaml, .yml or .json`,
    });
  }

  const bytes = await readBytes(absolute, shown);
  const hash = createHash("sha256").update(bytes).digest("hex");
  if (DATA_EXTENSIONS.includes(extension)) {
    const format = extension === ".json" ? "json" : "yaml";
    return loadDataDefinition(bytes.toString("utf8"), { path: shown, format, hash });
  }

  const definition = await importDefinition(absolute, shown);
  return checkedDefinition(definition, { path: shown, format: "ts", hash });
}

/** Parses and validates YAML/JSON text (exported for in-memory use and tests). */
export function loadDataDefinition(
  text: string,
  source: LoadedDefinition["source"],
): LoadedDefinition {
  let problems = new ProblemList(source.path);
  const parsed = parseYamlSource(text, problems);
  problems.throwIfAny();
  problems = new ProblemList(source.path, parsed?.locate);

  const lenient: FieldPath[] = [];
  const file = parseLeniently(DefinitionFileSchema, parsed?.data, problems, [], lenient);
  const params = checkParamEntries(parsed?.data, problems, lenient);
  // A parameter left out would make every reference to it look unknown.
  const declared = Object.keys(file?.params ?? {}).length;
  if (!file || Object.keys(params).length < declared) problems.throwIfAny();

  const definition = definitionFromFile(file!, params);
  validateDefinition(definition, problems);
  problems.forgiveAt(lenient);
  problems.throwIfAny();
  return { definition, source, locate: parsed!.locate };
}

/** Validates a Definition built in code (the DSL or a hand-written object). */
export function checkedDefinition(
  definition: Definition,
  source: LoadedDefinition["source"],
): LoadedDefinition {
  const problems = new ProblemList(source.path);
  validateDefinition(definition, problems);
  problems.throwIfAny();
  return { definition, source };
}

/**
 * Parses the file's shape, recording every issue. When the only issues are
 * unknown keys, the rest is still parsed without them, so the semantic checks
 * can report their problems in the same message.
 */
function parseLeniently<T>(
  schema: z.ZodType<T>,
  data: unknown,
  problems: ProblemList,
  prefix: FieldPath,
  stripped: FieldPath[],
): T | undefined {
  const first = schema.safeParse(data);
  if (first.success) return first.data;

  problems.addZodIssues(first.error.issues, prefix);
  const unknownKeys = first.error.issues.filter(
    (issue) => issue.code === "unrecognized_keys",
  );
  if (unknownKeys.length < first.error.issues.length) return undefined;

  const cleaned = structuredClone(data);
  for (const issue of unknownKeys) {
    const holder = issue.path.reduce<unknown>(
      (node, key) => (node as Record<PropertyKey, unknown>)[key as PropertyKey],
      cleaned,
    );
    for (const key of issue.keys) delete (holder as Record<string, unknown>)[key];
    stripped.push([...prefix, ...(issue.path as FieldPath)]);
  }
  const second = schema.safeParse(cleaned);
  return second.success ? second.data : undefined;
}

function checkParamEntries(
  data: unknown,
  problems: ProblemList,
  stripped: FieldPath[],
): Record<string, ParamDefinition> {
  const raw =
    typeof data === "object" && data !== null
      ? (data as { params?: unknown }).params
      : undefined;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};

  const params: Record<string, ParamDefinition> = {};
  for (const [name, value] of Object.entries(raw)) {
    const parsed = parseLeniently<unknown>(
      paramSchemaFor(value),
      value,
      problems,
      ["params", name],
      stripped,
    );
    if (parsed === undefined) continue;
    if (!Array.isArray(parsed) && typeof parsed === "object" && parsed !== null) {
      const kinds = kindKeys(parsed as ParamObjectFile);
      if (kinds.length !== 1) {
        const message =
          kinds.length === 0
            ? "the parameter does not say what kind of dimension it is"
            : `the parameter has several kinds at once (${kinds.join(", ")})`;
        problems.add(
          "param-kind",
          ["params", name],
          message,
          `give exactly one of: ${DIMENSION_KEYS.join(", ")}`,
        );
        continue;
      }
    }
    params[name] = paramOf(name, parsed);
  }
  return params;
}

// experiment.ts is executed through tsx, so it may import the DSL directly.
async function importDefinition(absolute: string, shown: string): Promise<Definition> {
  const { tsImport } = await import("tsx/esm/api");
  let module: { default?: unknown };
  try {
    module = (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as {
      default?: unknown;
    };
  } catch (error) {
    throw new UserError(
      {
        code: "definition/import-failed",
        file: shown,
        message: `importing the experiment failed: ${(error as Error).message?.split("\n")[0]}`,
        fix: "run it with `npx tsx` to see the full error, then fix the file",
      },
      { cause: error },
    );
  }

  const exported = unwrapDefault(module.default);
  if (isBuilder(exported)) return exported.build();
  if (isDefinitionLike(exported)) return exported;
  throw new UserError({
    code: "definition/no-default-export",
    file: shown,
    message: "the file does not default-export an experiment",
    fix: 'end it with `export default experiment("name")...` (the builder or its .build())',
  });
}

// A module compiled to CommonJS by tsx may nest the export one level down.
function unwrapDefault(value: unknown): unknown {
  if (isBuilder(value) || isDefinitionLike(value)) return value;
  return (value as { default?: unknown } | undefined)?.default ?? value;
}

function isBuilder(value: unknown): value is { build(): Definition } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === "sweepforge/experiment-builder" &&
    typeof (value as { build?: unknown }).build === "function"
  );
}

function isDefinitionLike(value: unknown): value is Definition {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Definition).name === "string" &&
    Array.isArray((value as Definition).steps) &&
    Array.isArray((value as Definition).params)
  );
}

async function readBytes(absolute: string, shown: string): Promise<Buffer> {
  try {
    return await readFile(absolute);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new UserError(
      {
        code: missing ? "definition/not-found" : "definition/unreadable",
        file: shown,
        message: missing
          ? "the definition file does not exist"
          : `cannot read it: ${(error as Error).message}`,
        fix: missing
          ? "check the path (it is resolved from the current directory)"
          : "check its permissions",
      },
      { cause: error },
    );
  }
}

function displayPath(absolute: string, cwd: string): string {
  const shown = relative(cwd, absolute);
  return shown.startsWith("..") || isAbsolute(shown) ? absolute : shown;
}
