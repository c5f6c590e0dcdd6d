import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The deep run repeats properties at full depth; the browser tests have none (npm test and
    // npm run test:browser run them).
    exclude: process.env.KPLAN_TEST_DEPTH === 'deep' ? ['test/browser/**', 'node_modules/**'] : ['node_modules/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    // Both cores, and one module graph per worker: the suite has no global state to isolate, and
    // re-importing the model for each of ~60 files cost a third of the run.
    maxWorkers: 2,
    isolate: false,
  },
});
