// The install the README documents works: a tarball packed from this repository installs
// globally into a fresh prefix and its `kplan` runs. The README and the CI workflow never point at
// the npm name `kplan` (not this project) or at `npx kplan@…`.

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEEP } from '../helpers/depth.js';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CI = readFileSync(join(ROOT, 'docs/ci-gate.md'), 'utf8');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('install', () => {
  it('the docs install from a checkout of this repository, never from the npm name', () => {
    for (const doc of [README, CI]) {
      expect(doc).not.toMatch(/npx (--yes )?kplan/);
      expect(doc).not.toMatch(/npm install (--save-dev|-D) kplan/);
    }
    expect(README).toContain('npm ci');
    expect(README).toContain('npm pack');
    expect(README).toContain(`npm install -g ./kplan-${version}.tgz`);
    const workflow = CI.slice(CI.indexOf('# .github/workflows/kplan.yml'));
    expect(workflow).toMatch(/run: npm ci && npm pack && npm install -g \.\/kplan-\*\.tgz/);
    expect(workflow).toMatch(/run: kplan check "\$PROFILE" --format github/);
  });

  // Packs and installs (the dependencies come from the registry, or npm's cache): full depth only.
  it.skipIf(!DEEP)(
    'npm pack, then npm install -g of the tarball into a temporary prefix, runs kplan',
    () => {
      if (!existsSync(join(ROOT, 'dist/kplan.cjs'))) throw new Error('dist/ is missing: run `npm run build`');
      const dir = mkdtempSync(join(tmpdir(), 'kplan-install-'));
      try {
        const npm = (args: string[], cwd = ROOT) => spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000 });
        const pack = npm(['pack', '--ignore-scripts', '--pack-destination', dir]);
        expect(pack.status, pack.stderr).toBe(0);
        const tgz = join(dir, `kplan-${version}.tgz`);
        expect(existsSync(tgz)).toBe(true);
        const prefix = join(dir, 'prefix');
        const install = npm(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tgz], dir);
        expect(install.status, install.stderr).toBe(0);
        const bin = join(prefix, 'bin', 'kplan');
        const v = spawnSync(bin, ['--version'], { cwd: dir, encoding: 'utf8' });
        expect(v.stdout).toBe(`${version}\n`);
        const size = spawnSync(bin, ['size', join(prefix, 'lib/node_modules/kplan/profiles/fastapi-logs.yaml'), '--format', 'json'], { cwd: dir, encoding: 'utf8' });
        expect(size.status, size.stderr).toBe(0);
        expect(JSON.parse(size.stdout)).toMatchObject({ kplan_version: version });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
