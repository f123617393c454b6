// `npm run bench -- console`: seeds a fleet (100,000 devices by default) into SQLite, starts
// `ward serve` in its own process, and drives Debian's headless Chromium (playwright-core) through
// the console's dashboard, device list (first page, filtered, sorted) and device detail, cold and
// warm cache: time to the first meaningful render, and how long the page takes to answer an
// interaction. Prints the console's first-load size gzipped beside them. Figures only.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Agent, request } from 'undici';
import { consoleFirstLoad } from './console-first-load.js';
import { armInteraction, installProbe, readLoadFacts, readMarks, type Watch } from './console-page-probe.js';
import { seedConsoleFleet, seededDeviceName } from './console-seed.js';
import { repoRoot, startWardServer } from './ward-server.js';

const deviceCount = Number(process.env.WARD_BENCH_CONSOLE_DEVICES ?? 100_000);
const userCount = Number(process.env.WARD_BENCH_CONSOLE_USERS ?? 10_000);
const runs = Number(process.env.WARD_BENCH_CONSOLE_RUNS ?? 7);
const chromiumPath = process.env.WARD_BENCH_CHROMIUM ?? '/usr/bin/chromium';
const consoleDist = join(repoRoot, 'apps/console/dist');
// The flags the console's browser tests run Chromium with (apps/console/test/support/browser.ts).
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const firstRow = '[data-testid="device-table"] tbody tr:first-child a[href^="/devices/"]';

/** One page of the console and the interaction that shows it answers. */
interface Scenario {
  readonly name: string;
  readonly path: string;
  /** What makes the page meaningful: its numbers, its first row, its facts. */
  readonly meaningful: Omit<Watch, 'name'>;
  /** The interaction: the DOM event that starts it, what the page shows when it has answered, and how to do it. */
  readonly interaction: { readonly what: string; readonly event: 'click' | 'input'; readonly shows: Omit<Watch, 'name' | 'after'>; perform(page: Page): Promise<void> };
}

/** Median and spread of one figure over the runs. */
interface Figure { readonly median: number; readonly min: number; readonly max: number }

interface ScenarioResult {
  readonly name: string;
  readonly interaction: string;
  readonly fcp: Figure;
  readonly coldMeaningful: Figure;
  readonly coldInteraction: Figure;
  readonly warmMeaningful: Figure;
  readonly warmInteraction: Figure;
  readonly coldAssetBytes: number;
  /** The longest API call before the meaningful render, over every run. */
  readonly slowestApi: Figure;
}

function figure(samples: readonly number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Waits until the page's probe holds `mark`, and answers it (ms since navigation start). */
async function waitForMark(page: Page, mark: string): Promise<number> {
  await page.waitForFunction((name) => (globalThis as unknown as { wardProbe?: { marks: Record<string, number> } }).wardProbe?.marks[name] !== undefined, mark, { timeout: 120_000, polling: 50 });
  const value = (await page.evaluate(readMarks))[mark];
  if (value === undefined) throw new Error(`mark ${mark} vanished`);
  return value;
}

interface RunResult { readonly meaningful: number; readonly interaction: number; readonly fcp: number | undefined; readonly assetBytes: number; readonly slowestApiMs: number }

/** Opens the scenario's page in a new tab of `context`, times it, interacts, times the answer. */
async function runOnce(context: BrowserContext, baseUrl: string, sessionJson: string, scenario: Scenario): Promise<RunResult> {
  const page = await context.newPage();
  try {
    await page.addInitScript(installProbe, { sessionJson, watches: [{ name: 'meaningful', ...scenario.meaningful }] });
    await page.goto(new URL(scenario.path, baseUrl).toString(), { waitUntil: 'commit' });
    const meaningful = await waitForMark(page, 'meaningful');
    await page.evaluate(armInteraction, { event: scenario.interaction.event, start: 'start', watch: { name: 'answered', after: 'start', ...scenario.interaction.shows } });
    await scenario.interaction.perform(page);
    const answered = await waitForMark(page, 'answered');
    const start = (await page.evaluate(readMarks)).start ?? Number.NaN;
    const facts = await page.evaluate(readLoadFacts, meaningful);
    return { meaningful, interaction: answered - start, fcp: facts.fcp, assetBytes: facts.assetBytes, slowestApiMs: facts.slowestApiMs };
  } finally {
    await page.close();
  }
}

const newContext = (browser: Browser) => browser.newContext({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true });

async function runScenario(browser: Browser, baseUrl: string, sessionJson: string, scenario: Scenario): Promise<ScenarioResult> {
  const cold: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh context has an empty HTTP cache: every asset comes over the wire.
    const context = await newContext(browser);
    try {
      cold.push(await runOnce(context, baseUrl, sessionJson, scenario));
    } finally {
      await context.close();
    }
  }
  const warm: RunResult[] = [];
  const context = await newContext(browser);
  try {
    // One unmeasured load fills the cache with the hashed, immutable assets.
    await runOnce(context, baseUrl, sessionJson, scenario);
    for (let i = 0; i < runs; i++) warm.push(await runOnce(context, baseUrl, sessionJson, scenario));
  } finally {
    await context.close();
  }
  const result: ScenarioResult = {
    name: scenario.name,
    interaction: scenario.interaction.what,
    fcp: figure(cold.flatMap((r) => (r.fcp === undefined ? [] : [r.fcp]))),
    coldMeaningful: figure(cold.map((r) => r.meaningful)),
    coldInteraction: figure(cold.map((r) => r.interaction)),
    warmMeaningful: figure(warm.map((r) => r.meaningful)),
    warmInteraction: figure(warm.map((r) => r.interaction)),
    coldAssetBytes: figure(cold.map((r) => r.assetBytes)).median,
    slowestApi: figure([...cold, ...warm].map((r) => r.slowestApiMs)),
  };
  console.log(`  ${scenario.name}: meaningful ${result.coldMeaningful.median.toFixed(0)} ms cold, ${result.warmMeaningful.median.toFixed(0)} ms warm; ${scenario.interaction.what} ${result.coldInteraction.median.toFixed(0)} / ${result.warmInteraction.median.toFixed(0)} ms`);
  return result;
}

/** The API client the benchmark uses to learn what each page should show. */
async function firstDeviceName(agent: Agent, baseUrl: string, token: string, query: string): Promise<string> {
  const res = await request(`${baseUrl}/api/v1/devices?limit=1&${query}`, { dispatcher: agent, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.body.json()) as { items?: { name: string }[] };
  const name = body.items?.[0]?.name;
  if (res.statusCode !== 200 || name === undefined) throw new Error(`devices?${query}: ${res.statusCode} ${JSON.stringify(body)}`);
  return name;
}

async function scenarios(agent: Agent, baseUrl: string, token: string, detail: { id: string; name: string }): Promise<Scenario[]> {
  const expect = (query: string) => firstDeviceName(agent, baseUrl, token, query);
  const byName = await expect('sort=name&order=asc');
  // A search that narrows 100,000 devices to a few: a name with its last two digits left off.
  const search = seededDeviceName(Math.floor(deviceCount * 0.42)).slice(0, -2);
  const searched = await expect(`sort=name&order=asc&q=${encodeURIComponent(search)}`);
  const filter = 'platform=linux&ownership=corporate&osVersionMin=24.04';
  const filteredByLastSeen = await expect(`${filter}&sort=lastSeenAt&order=desc`);
  const filteredByName = await expect(`${filter}&sort=name&order=asc`);
  const lastSeenDesc = await expect('sort=lastSeenAt&order=desc');
  const lastSeenAsc = await expect('sort=lastSeenAt&order=asc');
  for (const [before, after, what] of [[byName, searched, 'search'], [filteredByLastSeen, filteredByName, 'sort by name'], [lastSeenDesc, lastSeenAsc, 'flip the order']] as const) {
    if (before === after) throw new Error(`the ${what} interaction would not change the first row (${before}): seed more devices`);
  }
  const sortButton = (page: Page, label: RegExp) => page.getByTestId('device-table').locator('thead').getByRole('button', { name: label }).click();
  return [
    {
      name: 'dashboard',
      path: '/',
      meaningful: { selector: '[data-testid="device-count"]' },
      interaction: { what: 'open Managed devices → first row', event: 'click', shows: { selector: firstRow, text: byName }, perform: (page) => page.getByRole('link', { name: 'Managed devices' }).click() },
    },
    {
      name: 'devices: first page',
      path: '/devices',
      meaningful: { selector: firstRow, text: byName },
      interaction: { what: `type "${search}" → first match (incl. 300 ms debounce)`, event: 'input', shows: { selector: firstRow, text: searched }, perform: (page) => page.getByRole('textbox', { name: 'Search' }).fill(search) },
    },
    {
      name: 'devices: filtered',
      path: '/devices?platform=linux&ownership=corporate&osMin=24.04&sort=lastSeenAt&order=desc',
      meaningful: { selector: firstRow, text: filteredByLastSeen },
      interaction: { what: 'sort by Name → first row', event: 'click', shows: { selector: firstRow, text: filteredByName }, perform: (page) => sortButton(page, /^Name/) },
    },
    {
      name: 'devices: sorted',
      path: '/devices?sort=lastSeenAt&order=desc',
      meaningful: { selector: firstRow, text: lastSeenDesc },
      interaction: { what: 'flip Last seen order → first row', event: 'click', shows: { selector: firstRow, text: lastSeenAsc }, perform: (page) => sortButton(page, /^Last seen/) },
    },
    {
      name: 'device detail',
      path: `/devices/${detail.id}`,
      meaningful: { selector: 'h1', text: detail.name },
      interaction: { what: 'open Inventory tab → raw inventory', event: 'click', shows: { selector: 'caption', text: 'Raw inventory as the device reported it' }, perform: (page) => page.getByRole('tab', { name: 'Inventory' }).click() },
    },
  ];
}

const ms = (f: Figure) => `${f.median.toFixed(0)} (${f.min.toFixed(0)}–${f.max.toFixed(0)})`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function printResults(results: readonly ScenarioResult[]): void {
  console.log(`\nConsole in headless Chromium, ${deviceCount} devices, median (min–max) of ${runs} runs, ms since navigation start / since the interaction's DOM event`);
  const head = ['page', 'FCP cold', 'meaningful cold', 'meaningful warm', 'interaction cold', 'interaction warm', 'slowest API call', 'cold transfer'];
  const widths = [20, 16, 18, 18, 18, 18, 18, 14];
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' ');
  console.log(line(head));
  for (const r of results) console.log(line([r.name, ms(r.fcp), ms(r.coldMeaningful), ms(r.warmMeaningful), ms(r.coldInteraction), ms(r.warmInteraction), ms(r.slowestApi), kib(r.coldAssetBytes)]));
  console.log('\nInteractions:');
  for (const r of results) console.log(`  ${r.name.padEnd(20)} ${r.interaction}`);
  const worst = Math.max(...results.map((r) => r.coldMeaningful.median));
  console.log(`\nIssue 8: no page over 1 s to become usable with 100,000 devices: slowest cold meaningful render ${worst.toFixed(0)} ms at ${deviceCount} devices`);
}

/** Runs the console benchmark and prints its tables. */
export async function benchConsole(): Promise<void> {
  console.log(`Console benchmark: ${deviceCount} devices, ${userCount} users, ${runs} runs per page and cache state`);
  if (!existsSync(join(consoleDist, 'index.html'))) throw new Error('apps/console/dist is not built: run npm run build:console');
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);

  for (const page of ['index.html', 'portal/index.html']) {
    const load = consoleFirstLoad(consoleDist, page);
    console.log(`  first load of ${page === 'index.html' ? '/' : '/portal'}: ${kib(load.gzipBytes)} gzipped in ${load.files.length + 1} files (target under 500 KB)`);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'ward-bench-console-'));
  const profile = mkdtempSync(join(tmpdir(), 'ward-bench-chromium-'));
  try {
    const seeded = await seedConsoleFleet(join(dataDir, 'ward.db'), deviceCount, userCount);
    const server = await startWardServer(dataDir, {});
    const agent = new Agent({ connect: { ca: server.caPem }, connections: 2 });
    const browser = await chromium.launch({ executablePath: chromiumPath, ignoreDefaultArgs: true, args: [...chromiumFlags, '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--no-startup-window'], timeout: 60_000 });
    try {
      const res = await request(`${server.url}/api/v1/auth/sign-in`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify(seeded.admin) });
      const signedIn = (await res.body.json()) as { token?: string; expiresAt?: string; user?: { email: string; displayName: string } };
      if (res.statusCode !== 200 || signedIn.token === undefined || signedIn.user === undefined) throw new Error(`sign in: ${res.statusCode} ${JSON.stringify(signedIn)}`);
      // The session as the console's sign-in form keeps it (apps/console/src/api/session.ts).
      const sessionJson = JSON.stringify({ token: signedIn.token, expiresAt: signedIn.expiresAt, email: signedIn.user.email, displayName: signedIn.user.displayName });
      const results: ScenarioResult[] = [];
      for (const scenario of await scenarios(agent, server.url, signedIn.token, seeded.detailDevice)) results.push(await runScenario(browser, server.url, sessionJson, scenario));
      console.log(`  server RSS after the run: ${(server.rssBytes() / 1024 / 1024).toFixed(0)} MiB; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      printResults(results);
    } finally {
      await browser.close();
      await agent.close();
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
