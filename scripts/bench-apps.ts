/**
 * `npm run bench:apps`: every list page of the apps over HTTP, as the browser calls them, on a data folder
 * with 1,000,000 finished and 50,000 open cases (issue 10: lists under 1 s, statistics under 2 s). Not a test.
 *
 *   npm run bench:apps -- [--data /work/scratch-apps-1m] [--finished 1000000] [--open 50000] [--rounds 3] [--fresh-index]
 *
 * The folder is built once (`bench-apps/build-data.ts`: open cases through the engine, finished ones as
 * history rows) and reused (an older history schema is upgraded in place, `bench-apps/upgrade-history.ts`); `--fresh-index` deletes the apps' case index first, to time its first catch-up.
 * The engine runs in this process (auth basic on the demo identity, clock pinned at the build's instant) with
 * the apps' routes; each page is requested `rounds` times over HTTP with a session cookie, and each line
 * prints the wall-clock range and this process's CPU time for the request (server and client): on a shared
 * machine the wall clock includes waiting for a core.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { appsApiRoutes } from '../apps';
import { DEMO_IDENTITY_PATH, loadEngineAuth } from '../engine/identity';
import { startEngineServer, type EngineServer } from '../engine/server';
import { calendarFromEnv } from '../workers/calendar';
import { insertFinishedCases, openCases, saveBenchData, type BenchData } from './bench-apps/build-data';
import { pageCalls, type PageCall } from './bench-apps/pages';
import { upgradeBenchHistory } from './bench-apps/upgrade-history';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/work/scratch-apps-1m' },
    finished: { type: 'string', default: '1000000' },
    open: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '3' },
    'fresh-index': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const dataDir = values.data;
const rounds = Number(values.rounds);
const calendar = calendarFromEnv({ ONEGO_HOLIDAY_UNCOVERED: 'weekends-only' });
/** The engine clock of the whole run: a working Thursday morning in Beijing. */
const NOW = Date.parse('2026-11-26T10:00:00+08:00');

async function start(): Promise<EngineServer> {
  const auth = await loadEngineAuth({ mode: 'basic', identityFile: DEMO_IDENTITY_PATH });
  const server = await startEngineServer({
    grpcPort: 0,
    restPort: 0,
    dataDir,
    clock: 'controlled',
    authenticateGrpc: auth.grpc,
    restAuth: auth,
    restRoutes: [appsApiRoutes({ calendar, calendarFolder: join(dataDir, 'calendars') })],
  });
  await server.engine.clock.pin(NOW);
  return server;
}

/** A session cookie for `username` (the apps log in once; Basic would check the password on every call). */
async function login(server: EngineServer, username: string): Promise<string> {
  const response = await fetch(`${server.restUrl}/v2/authentication/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.restUrl },
    body: JSON.stringify({ username, password: 'onego-demo' }),
  });
  const cookie = response.headers.get('set-cookie');
  if (!response.ok || !cookie) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  return cookie.split(';')[0];
}

async function build(): Promise<BenchData> {
  const data: BenchData = { now: NOW, finished: Number(values.finished), open: Number(values.open) };
  console.log(`building ${dataDir}: ${data.open} open cases through the engine, then ${data.finished} finished cases as history rows`);
  mkdirSync(dataDir, { recursive: true });
  const openDone = join(dataDir, 'bench-apps-open.json');
  if (!existsSync(openDone)) await buildOpenCases(data, openDone);
  insertFinishedCases(dataDir, calendar, data.finished, NOW);
  // The finished rows' keys are below the open cases' (the index only looks above what it has read): index anew.
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `apps-cases.sqlite${suffix}`), { force: true });
  saveBenchData(dataDir, data);
  return data;
}

/** The open cases, through the engine (then `openDone` records that they are there). */
async function buildOpenCases(data: BenchData, openDone: string): Promise<void> {
  const server = await start();
  try {
    await openCases(server, calendar, data.open, NOW);
    const cookie = await login(server, 'sun.shen');
    const caughtUp = async () => {
      for (;;) {
        const status = (await (await fetch(`${server.restUrl}/v2/onego/status`, { headers: { cookie } })).json()) as { exporter: { lagRecords: number } };
        if (status.exporter.lagRecords === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    await caughtUp();
    // zhang.san holds a third of 市场监管局's open tasks (我的任务), claimed through the engine.
    const staff = await login(server, 'zhang.san');
    for (let from = 0; from < 3_000; from += 300) {
      const page = (await (
        await fetch(`${server.restUrl}/v2/user-tasks/search`, {
          method: 'POST',
          headers: { cookie: staff, origin: server.restUrl, 'content-type': 'application/json' },
          body: JSON.stringify({ filter: { state: 'CREATED', candidateGroup: 'market-regulation' }, page: { from, limit: 100 } }),
        })
      ).json()) as { items: { userTaskKey: string }[] };
      for (const task of page.items) await server.engine.assignUserTask(task.userTaskKey, 'zhang.san');
      if (page.items.length < 100) break;
    }
    await caughtUp();
  } finally {
    await server.close();
  }
  writeFileSync(openDone, `${JSON.stringify({ open: data.open })}\n`);
}

const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

async function measure(data: BenchData): Promise<void> {
  if (values['fresh-index']) for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `apps-cases.sqlite${suffix}`), { force: true });
  const startBegin = performance.now();
  const server = await start();
  console.log(`engine with apps started on ${dataDir} in ${((performance.now() - startBegin) / 1000).toFixed(1)} s (${data.finished} finished + ${data.open} open cases)`);
  try {
    const cookies = { 'zhang.san': await login(server, 'zhang.san'), 'li.si': await login(server, 'li.si'), 'sun.shen': await login(server, 'sun.shen') };
    const call = async (page: PageCall, path = page.path, body = page.body) => {
      const response = await fetch(`${server.restUrl}${path}`, {
        method: body === undefined ? page.method : 'POST',
        headers: { cookie: cookies[page.user], origin: server.restUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      if (!response.ok) throw new Error(`${page.label}: ${response.status} ${bytes.toString('utf8').slice(0, 300)}`);
      const type = response.headers.get('content-type') ?? '';
      return { answer: type.includes('json') ? (JSON.parse(bytes.toString('utf8')) as unknown) : undefined, bytes: bytes.length };
    };
    // The first request waits for the case index to catch up with history (its first build on a new folder).
    const firstBegin = performance.now();
    const firstCpu = process.cpuUsage();
    await call({ label: 'first', user: 'sun.shen', method: 'GET', path: '/v2/apps/audit/process-instances?limit=1', targetMs: 0, found: () => '' });
    const firstUsed = process.cpuUsage(firstCpu);
    console.log(`first audit request (case index caught up with history): ${((performance.now() - firstBegin) / 1000).toFixed(1)} s wall, ${((firstUsed.user + firstUsed.system) / 1e6).toFixed(1)} s CPU\n`);

    const period = { from: beijingDay(NOW - 83 * 86_400_000), to: beijingDay(NOW) };
    console.log(`${'page'.padEnd(40)} ${'answer'.padEnd(30)} ${'wall ms'.padEnd(16)} ${'cpu ms'.padEnd(14)} target`);
    for (const page of pageCalls(period)) {
      if (values.only && !page.label.includes(values.only)) continue;
      const walls: number[] = [];
      const cpus: number[] = [];
      let found = '';
      for (let round = 0; round < rounds; round += 1) {
        const begin = performance.now();
        const cpu = process.cpuUsage();
        const { answer, bytes } = await call(page);
        const next = page.followUp?.(answer);
        if (next) await call(page, next.path, next.body);
        const used = process.cpuUsage(cpu);
        walls.push(performance.now() - begin);
        cpus.push((used.user + used.system) / 1000);
        found = page.found(answer, bytes) + (next ? ' +cases' : '');
      }
      const range = (list: number[]) => `${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)}`;
      const verdict = Math.max(...walls) < page.targetMs ? 'PASS' : Math.min(...cpus) < page.targetMs ? 'pass on CPU' : 'FAIL';
      console.log(`${page.label.padEnd(40)} ${found.padEnd(30)} ${range(walls).padEnd(16)} ${range(cpus).padEnd(14)} < ${page.targetMs / 1000} s ${verdict}`);
    }
  } finally {
    await server.close();
  }
}

const saved = join(dataDir, 'bench-apps.json');
// A folder built by an older engine: its history rows are not in the log, so upgrade them rather than rebuild.
if (existsSync(saved)) upgradeBenchHistory(join(dataDir, 'history.sqlite'));
const data = existsSync(saved) ? (JSON.parse(readFileSync(saved, 'utf8')) as BenchData) : await build();
await measure(data);
