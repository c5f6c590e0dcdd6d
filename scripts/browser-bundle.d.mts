import type { BuildOptions } from 'esbuild';
export function browserBundleOptions(root: string): BuildOptions;
