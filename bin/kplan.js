#!/usr/bin/env node
// Thin shim: the CLI lives in dist/cli/ (built by `npm install` / `npm run build`).
import { nodeIo } from '../dist/cli/io.js';
import { main } from '../dist/cli/main.js';

process.exitCode = await main(await nodeIo());
