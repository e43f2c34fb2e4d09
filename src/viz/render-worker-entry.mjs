// A worker thread starts without the parent's TypeScript loader. The heavy
// JavaScript dependencies load first through Node's own loader (through tsx's
// hooks every module costs a round trip), then tsx, then the worker module.
await Promise.all([import("vega"), import("vega-lite"), import("canvas")]);
const { register } = await import("tsx/esm/api");
register();
await import("./render-worker.ts");
