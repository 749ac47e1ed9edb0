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
    // Test files share their worker's modules (and globalThis) instead of loading the app afresh each: importing it
    // was a seventh of the integration suite's time. per-file-setup.ts undoes what a file leaves behind (environment
    // stubs, spies, fake timers, a simulated outage); a file that mocks a module its imports load clears the module
    // cache before and after (tests/integration/credentials-parallel.test.ts).
    isolate: false,
    setupFiles: ["tests/helpers/per-file-setup.ts"],
  },
});
