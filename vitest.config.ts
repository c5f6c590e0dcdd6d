import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests run after this suite (`npm test`) or alone (`npm run test:browser`), never
    // beside it: Chromium would compete with the suite for the two cores.
    exclude: ['test/browser/**', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    // Generous: a test that fails only on a slow or loaded machine is a test of the machine.
    testTimeout: process.env.KPLAN_TEST_DEPTH === 'deep' ? 1_800_000 : 300_000,
    // Both cores, and one module graph per worker: the suite has no global state to isolate, and
    // re-importing the model for each of ~60 files cost a third of the run.
    maxWorkers: 2,
    isolate: false,
  },
});
