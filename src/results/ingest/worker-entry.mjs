// Worker threads do not inherit the TypeScript loader of the main thread:
// register tsx here, then run the real worker module.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
