#!/usr/bin/env node
// Entry point: registers the TypeScript loader, then hands argv to the CLI.
// The sources ship as TypeScript so that `npx sweepforge` works straight
// after `npm ci`, with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
