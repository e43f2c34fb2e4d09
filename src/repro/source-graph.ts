// Finds the experiment's own source: the definition file and every local
// module it reaches through static imports, re-exports and literal dynamic
// imports. Packages from node_modules are pinned by the lockfile instead.
import { existsSync, statSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import type { SourceFile } from "ts-morph";

// ts-morph (and TypeScript with it) takes over a second to load, so it is
// loaded only when a definition is code.
type TsMorph = typeof import("ts-morph");

const SCRIPT_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx"];
const CODE_FORMATS = new Set(SCRIPT_EXTENSIONS);

function isLocalSpecifier(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/");
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Resolves a relative specifier the way TypeScript's NodeNext resolution would. */
export function resolveLocalModule(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const extension = extname(base);
  const swapped = extension === ".js" ? [base.slice(0, -3) + ".ts", base.slice(0, -3) + ".tsx"]
    : extension === ".mjs" ? [base.slice(0, -4) + ".mts"] : [];
  const candidates = [
    base, ...swapped,
    ...SCRIPT_EXTENSIONS.map((ext) => base + ext),
    ...SCRIPT_EXTENSIONS.map((ext) => resolve(base, `index${ext}`)),
  ];
  return candidates.find(isFile);
}

function specifiersOf(file: SourceFile, { SyntaxKind }: TsMorph): string[] {
  const specifiers: string[] = [];
  for (const declaration of file.getImportDeclarations()) {
    specifiers.push(declaration.getModuleSpecifierValue());
  }
  for (const declaration of file.getExportDeclarations()) {
    const value = declaration.getModuleSpecifierValue();
    if (value !== undefined) specifiers.push(value);
  }
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const argument = call.getArguments()[0];
    const isImport = call.getExpression().getKind() === SyntaxKind.ImportKeyword;
    if (isImport && argument?.isKind(SyntaxKind.StringLiteral)) {
      specifiers.push(argument.getLiteralValue());
    }
  }
  return specifiers;
}

/** Absolute paths of the definition and its local imports, sorted. */
export async function experimentSourceFiles(definitionFile: string): Promise<readonly string[]> {
  const entry = resolve(definitionFile);
  if (!CODE_FORMATS.has(extname(entry))) return [entry];

  const tsMorph = await import("ts-morph");
  const project = new tsMorph.Project({
    compilerOptions: { allowJs: true },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
  const found = new Set<string>([entry]);
  const queue = [entry];

  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (!CODE_FORMATS.has(extname(next))) continue;
    const source = project.addSourceFileAtPath(next);
    for (const specifier of specifiersOf(source, tsMorph).filter(isLocalSpecifier)) {
      const target = resolveLocalModule(next, specifier);
      if (target && !found.has(target)) {
        found.add(target);
        queue.push(target);
      }
    }
  }
  return [...found].sort();
}
