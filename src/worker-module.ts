// Worker threads start without the TypeScript loader of the main thread, and
// registering tsx in each worker costs about 0.2 s of start-up and 0.3 s of CPU
// (its hooks run on a thread of their own). Instead, a worker's own sources are
// bundled once per process by esbuild (the compiler tsx itself uses) into one
// plain ES module, which the Worker loads from a data: URL in ~40 ms.
//
// Packages stay outside the bundle: their imports are rewritten to absolute
// file: URLs and Node loads them as usual, native addons included. Each
// source file keeps its own import.meta.url, so files found relative to the
// sources (templates, fonts) are found as before.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { importsByAbsoluteUrl, OWN_URL, ownImportMetaUrl } from "./bundle-plugins.js";

const bundles = new Map<string, Promise<URL>>();

/** A data: URL of the bundled module graph of `entry` (a .ts file URL), built once. */
export function workerModuleUrl(entry: URL): Promise<URL> {
  let bundle = bundles.get(entry.href);
  if (bundle === undefined) {
    bundle = bundleWorker(entry);
    bundles.set(entry.href, bundle);
    // A failed build is not remembered, so the next worker tries again.
    bundle.catch(() => bundles.delete(entry.href));
  }
  return bundle;
}

async function bundleWorker(entry: URL): Promise<URL> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
    define: { "import.meta.url": OWN_URL },
    plugins: [importsByAbsoluteUrl, ownImportMetaUrl()],
  });
  const code = (result.outputFiles[0] as { text: string }).text;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
