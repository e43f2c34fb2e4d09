// Parses YAML or JSON text keeping node positions, so a problem at
// ["steps", "sim", "run"] can name the line it was written on.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";
import type { SourcePosition } from "./types.ts";
import type { FieldPath, ProblemList } from "./problems.ts";

export interface ParsedSource {
  readonly data: unknown;
  /** Position of the deepest node found along `path`. */
  locate(path: FieldPath): SourcePosition | undefined;
}

/** Returns undefined (after recording problems) when the text does not parse. */
export function parseYamlSource(
  text: string,
  problems: ProblemList,
): ParsedSource | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });

  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      problems.add(
        "syntax",
        [],
        `${error.message.split("\n")[0]} (line ${line}, column ${col})`,
        "fix the YAML/JSON syntax at that line",
      );
    }
    return undefined;
  }

  const locate = (path: FieldPath): SourcePosition | undefined => {
    let node: unknown = document.contents;
    let found: Node | undefined = isNode(node) ? node : undefined;
    for (const key of path) {
      node = childOf(node, key);
      if (!isNode(node)) break;
      found = node;
    }
    const offset = found?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  return { data: document.toJS(), locate };
}

function childOf(node: unknown, key: string | number): unknown {
  if (isMap(node)) {
    const pair = node.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === String(key),
    );
    return pair?.value ?? pair?.key;
  }
  if (isSeq(node) && typeof key === "number") return node.items[key];
  return undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && "range" in value;
}
