// esbuild plugins shared by the two places that bundle our TypeScript at run
// time: the compiled CLI (bin/compiled-cli.js) and worker threads
// (src/worker-module.ts). Plain JavaScript, so that the launcher can use it
// before any TypeScript loader exists.
//
// Both plugins keep this file and every package outside a bundle, imported by
// absolute URL: a bundle may then live in any folder, and this file's
// import.meta.resolve always resolves from the sources, never from wherever a
// bundle containing it was written.
import { readFile, stat } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { pathToFileURL } from "node:url";

const THIS_FILE = import.meta.url;

/** Builtins stay as they are; packages and this file become absolute URLs. */
export const importsByAbsoluteUrl = {
  name: "imports-by-absolute-url",
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./][^:]*$/ }, (args) => {
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      // Where Node would find the package from the sources (synchronous
      // import.meta.resolve: Node 20.6 or later, as package.json says).
      return { path: import.meta.resolve(args.path), external: true };
    });
    bundler.onResolve({ filter: /\/bundle-plugins\.js$/ }, () => ({
      path: THIS_FILE,
      external: true,
    }));
  },
};

/** The name each bundled file gives its own URL (see ownImportMetaUrl). */
export const OWN_URL = "__sweepforgeOwnFileUrl";

/**
 * Inside one bundle every file would otherwise share the bundle's
 * import.meta.url, and files found beside the sources (templates, fonts)
 * would be looked for beside the bundle. Each .ts file declares its own URL,
 * and the build's `define: { "import.meta.url": OWN_URL }` points every
 * import.meta.url expression (in code, never in strings) at it. `onSource`
 * hears of each file read, with its stat taken before the read.
 */
export function ownImportMetaUrl(onSource = () => {}) {
  return {
    name: "own-import-meta-url",
    setup(bundler) {
      bundler.onLoad({ filter: /\.ts$/ }, async (args) => {
        onSource(args.path, await stat(args.path));
        const source = await readFile(args.path, "utf8");
        const ownUrl = JSON.stringify(pathToFileURL(args.path).href);
        return { contents: `const ${OWN_URL} = ${ownUrl};\n${source}`, loader: "ts" };
      });
    },
  };
}
