import { defineConfig } from "vitest/config";

// Coverage floors: 90% of lines in every module, 100% for metadata capture
// (src/record) and reproducibility (src/repro). CI fails below them.
const MODULES = [
  "src/definition", "src/space", "src/plan", "src/schedule", "src/run",
  "src/cluster", "src/results", "src/viz", "src/cli", "dsl", "compilers",
];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts", "dsl/**/*.ts", "compilers/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
      thresholds: {
        ...Object.fromEntries(MODULES.map((m) => [`${m}/**`, { lines: 90 }])),
        "src/record/**": { lines: 100 },
        "src/repro/**": { lines: 100 },
      },
    },
  },
});
