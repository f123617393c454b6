#!/usr/bin/env node
// The `ward-agent` command. The TypeScript sources are compiled by `npm ci` (the root `prepare`
// script), so this launcher only loads the compiled CLI.
import { main } from '../dist/cli/main.js';

await main(process.argv);
