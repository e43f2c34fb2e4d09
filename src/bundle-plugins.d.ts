// Types of bundle-plugins.js (plain JavaScript so the launcher can load it).
import type { Plugin } from "esbuild";
import type { Stats } from "node:fs";

export declare const importsByAbsoluteUrl: Plugin;
export declare const OWN_URL: string;
export declare function ownImportMetaUrl(
  onSource?: (path: string, stats: Stats) => void,
): Plugin;
