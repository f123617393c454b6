// Entry point of `npm run bench -- <name>`.
import { benchAgents } from './agents.js';
import { benchApple } from './apple.js';
import { benchApi } from './api.js';
import { benchConsole } from './console.js';
import { benchIdp } from './idp.js';
import { benchMam } from './mam.js';
import { benchPolicy } from './policy.js';

const benches: Readonly<Record<string, () => Promise<void>>> = { agents: benchAgents, apple: benchApple, api: benchApi, console: benchConsole, idp: benchIdp, mam: benchMam, policy: benchPolicy };

const name = process.argv[2];
const bench = name === undefined ? undefined : benches[name];
if (bench === undefined) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await bench();
process.exit(0);
