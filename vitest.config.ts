import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next.js's guard against importing server code into client bundles; irrelevant under test.
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    testTimeout: 60_000,
    // Generous: PGlite migrates every file's database in its hook, slow when the machine is busy.
    hookTimeout: 180_000,
    // Two cores: more workers only make each PGlite slower.
    maxWorkers: 2,
  },
});
