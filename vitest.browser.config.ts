import { defineConfig } from 'vitest/config';

// `npm run test:browser`: only the tests that drive Chromium (test/browser/*.browser.test.ts).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
  },
});
