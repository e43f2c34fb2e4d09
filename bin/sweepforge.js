#!/usr/bin/env node
// Entry point: runs the command line from its compiled, cached bundle (see
// compiled-cli.js), or from the TypeScript sources through tsx when no bundle
// can be built or read (e.g. a read-only install) or SWEEPFORGE_CLI_CACHE=off.
// Either way `npx sweepforge` works straight after `npm ci`, with no build step.
import { compiledCliUrl } from "./compiled-cli.js";

const debug = process.argv.includes("--debug");

async function loadMain() {
  if (process.env.SWEEPFORGE_CLI_CACHE !== "off") {
    try {
      // Stack traces under --debug name the TypeScript sources, not the bundle.
      if (debug) process.setSourceMapsEnabled(true);
      return (await import((await compiledCliUrl()).href)).main;
    } catch (error) {
      if (debug) process.stderr.write(`running from sources: ${error}\n`);
    }
  }
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("../src/cli/main.ts")).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
