// How the HTML page's in-page app is bundled: one definition for the build (dist/browser.js) and
// the browser tests, which bundle the current source the same way.
import { resolve } from 'node:path';

/** esbuild options for the page's app; `root` is the repository folder. */
export function browserBundleOptions(root) {
  return {
    entryPoints: [resolve(root, 'src/browser/app.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  };
}
