/**
 * Benchmark of issue 13's "staying up for everyone else": starts `onego engine --auth basic` (demo identity)
 * on a history store with N finished instances, then runs each attack of the issue for S seconds with C
 * attacking clients while one more client (the admin) measures `GET /v2/topology`, `GET /actuator/health` and
 * `POST /v2/process-instances` one after another. Prints, per attack, the second client's p50/p99/max and
 * how the engine answered the attackers (status counts). Not a test; the numbers go to the README.
 *
 *   npm run bench:security -- [--instances 100000] [--attackers 50] [--seconds 10] [--only searches,feel] [--profile DIR]
 *                             [--attacker-nice 19]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fillHistory, startEngine, stopEngine, STRAIGHT_BPMN, summary, timed } from './bench/isolation-engine';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '100000' },
    attackers: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string' },
    // writes the engine's V8 CPU profiles (one per thread) to this folder, to see what holds its threads
    profile: { type: 'string' },
    // runs the attacking process at this nice level (19: its CPU matters less, as an attacker's would be on
    // another machine; what the engine spends on the attack is unchanged)
    'attacker-nice': { type: 'string', default: '0' },
    // internal: this script run as the attacking process of one attack
    'attack-child': { type: 'string' },
    rest: { type: 'string' },
  },
});
const instances = Number(values.instances);
const attackers = Number(values.attackers);
const seconds = Number(values.seconds);

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ADMIN = basic('guan.li', 'onego-demo');
const CLERK = basic('zhang.san', 'onego-demo');
/**
 * The second client: an admin no attack signs in as. Per-caller admission queues a caller's requests behind its
 * own, so a probe sharing an attacker's account would measure the attacker's queue, not another user's service.
 */
const PROBE_USER = 'bench.probe';
const PROBE = basic(PROBE_USER, 'onego-demo');

/** The demo identity plus the probe's account (a copy of the demo admin's, under another name), written to `file`. */
function writeProbeIdentity(file: string): void {
  const identity = JSON.parse(readFileSync(new URL('../engine/identity/demo-identity.json', import.meta.url), 'utf8')) as { users: Array<{ username: string; name: string }> };
  const admin = identity.users.find((user) => user.username === 'guan.li');
  if (!admin) throw new Error('the demo identity has no guan.li to copy for the probe');
  identity.users.push({ ...admin, username: PROBE_USER, name: '探测' });
  writeFileSync(file, JSON.stringify(identity));
}

/** `{"a":{"a":…"bottom"…}}` `depth` levels deep, written as text (JSON.stringify itself runs out of stack). */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
}

/** A BPMN with `count` sequence flows pointing nowhere: `count` validation errors. */
function bpmnWithErrors(count: number): string {
  const flows = Array.from({ length: count }, (_, index) => `<bpmn:sequenceFlow id="f${index}" sourceRef="nowhere${index}" targetRef="start" />`).join('');
  return `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="errors" isExecutable="true"><bpmn:startEvent id="start" />${flows}</bpmn:process></bpmn:definitions>`;
}

interface Attack {
  name: string;
  /** Attacking clients at once (default: --attackers). */
  clients?: number;
  request(rest: string): Promise<Response>;
}

const DEEP = `{"processDefinitionId":"bench-isolation","variables":{"deep":${nested(5_000)}}}`;
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
/** Just under MAX_JSON_BODY (4 MB): 40,000 small variables of a list, the shape a form with many rows sends. */
const AT_LIMIT = JSON.stringify({ processDefinitionId: 'bench-isolation', variables: { rows: Array.from({ length: 40_000 }, (_, index) => ({ row: index, text: 'x'.repeat(80) })) } });
const ERRORS_BPMN = bpmnWithErrors(40_000);

/** A process whose one script task evaluates `expression` on the engine thread, over the variables it is started with. */
function feelBpmn(id: string, expression: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-${id}" targetNamespace="x"><bpmn:process id="${id}" isExecutable="true"><bpmn:startEvent id="start" /><bpmn:scriptTask id="evaluate"><bpmn:extensionElements><zeebe:script expression="${expression.replace(/"/g, '&quot;')}" resultVariable="result" /></bpmn:extensionElements></bpmn:scriptTask><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="evaluate" /><bpmn:sequenceFlow id="f2" sourceRef="evaluate" targetRef="end" /></bpmn:process></bpmn:definitions>`;
}
const FEEL_PATTERN_BPMN = feelBpmn('bench-feel-pattern', '=matches(text, pattern)');
const FEEL_DOCUMENT_BPMN = feelBpmn('bench-feel-document', '=string length(to json(doc))');
/** The classic backtracking pattern, and a linear one whose program of 1,003 instructions runs over 100,000 characters. */
const PATTERN_BODIES = [
  JSON.stringify({ processDefinitionId: 'bench-feel-pattern', variables: { text: `${'a'.repeat(40)}!`, pattern: '(a+)+$' } }),
  JSON.stringify({ processDefinitionId: 'bench-feel-pattern', variables: { text: `${'a'.repeat(100_000)}!`, pattern: '\\pL{1000}!' } }),
];
/** A context of 20,000 entries (~300 KB): one `to json` call over it. */
const DOCUMENT_BODY = JSON.stringify({ processDefinitionId: 'bench-feel-document', variables: { doc: Object.fromEntries(Array.from({ length: 20_000 }, (_, index) => [`k${index}`, index])) } });
const json = { 'content-type': 'application/json' };

const ATTACKS: Attack[] = [
  {
    name: 'searches ($like with 80 stars)',
    request: (rest) =>
      fetch(`${rest}/v2/process-instances/search`, {
        method: 'POST',
        headers: { ...json, authorization: ADMIN },
        body: JSON.stringify({ filter: { processDefinitionName: { $like: `${'*'.repeat(80)}9` } }, sort: [{ field: 'startDate', order: 'DESC' }], page: { limit: 50 } }),
      }),
  },
  {
    name: 'variables nested 5,000 deep',
    request: (rest) => fetch(`${rest}/v2/process-instances`, { method: 'POST', headers: { ...json, authorization: CLERK }, body: DEEP }),
  },
  {
    // A signed-in caller's valid documents at the body limit: parsed, checked, written and exported (big-body work)
    name: 'valid variables at the 4 MB body limit',
    clients: 4,
    request: (rest) => fetch(`${rest}/v2/process-instances`, { method: 'POST', headers: { ...json, authorization: ADMIN }, body: AT_LIMIT }),
  },
  {
    name: 'anonymous 10 MB bodies',
    clients: 4,
    request: (rest) => fetch(`${rest}/v2/process-instances`, { method: 'POST', headers: json, body: TEN_MB }),
  },
  {
    name: 'anonymous refused requests (401)',
    request: (rest) => fetch(`${rest}/v2/process-instances/search`, { method: 'POST', headers: json, body: '{}' }),
  },
  {
    name: 'wrong passwords (login lockout)',
    request: (rest) => fetch(`${rest}/v2/topology`, { headers: { authorization: basic('li.si', `wrong-${Math.random()}`) } }),
  },
  {
    name: 'runaway FEEL (range, backtracking)',
    clients: 4,
    request: (rest) =>
      fetch(`${rest}/v2/expression/evaluation`, {
        method: 'POST',
        headers: { ...json, authorization: ADMIN },
        body: JSON.stringify({ expression: Math.random() < 0.5 ? '=count(for x in 1..30000000 return x)' : `=matches("${'a'.repeat(40)}!", "(a+)+$")` }),
      }),
  },
  {
    // element logic on the engine thread: patterns in matches() (backtracking before re2js), and one built-in over a
    // huge context (one step before values were charged by size); each creation ends in an incident
    name: 'FEEL patterns in element logic',
    clients: 4,
    request: (rest) => fetch(`${rest}/v2/process-instances`, { method: 'POST', headers: { ...json, authorization: ADMIN }, body: PATTERN_BODIES[Math.floor(Math.random() * 2)] }),
  },
  {
    name: 'FEEL to json of a 20,000-entry context in element logic',
    clients: 4,
    request: (rest) => fetch(`${rest}/v2/process-instances`, { method: 'POST', headers: { ...json, authorization: ADMIN }, body: DOCUMENT_BODY }),
  },
  {
    name: 'BPMN with 40,000 errors',
    clients: 2,
    request: (rest) => {
      const form = new FormData();
      form.append('resources', new Blob([ERRORS_BPMN]), 'errors.bpmn');
      return fetch(`${rest}/v2/deployments`, { method: 'POST', headers: { authorization: ADMIN }, body: form });
    },
  },
];

/** The second client: topology, health and an instance creation, one after another, until `until`. */
async function probe(rest: string, management: string, until: number): Promise<{ topology: number[]; health: number[]; command: number[] }> {
  const samples = { topology: [] as number[], health: [] as number[], command: [] as number[] };
  while (performance.now() < until) {
    samples.topology.push(await timed(() => fetch(`${rest}/v2/topology`, { headers: { authorization: PROBE } })));
    samples.health.push(await timed(() => fetch(`${management}/actuator/health`)));
    samples.command.push(await timed(() => fetch(`${rest}/v2/process-instances`, { method: 'POST', headers: { ...json, authorization: PROBE }, body: JSON.stringify({ processDefinitionId: 'bench-isolation' }) })));
  }
  return samples;
}

/** The attacking process: `attack` from `clients` clients for `seconds`, then the answers' status counts on stdout. */
async function attackFromThisProcess(attack: Attack, rest: string): Promise<void> {
  const until = performance.now() + seconds * 1000;
  const statuses: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: attack.clients ?? attackers }, async () => {
      while (performance.now() < until) {
        let status: string;
        try {
          const response = await attack.request(rest);
          await response.arrayBuffer();
          status = String(response.status);
        } catch (error) {
          status = `error ${(error as Error).message}`;
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  console.log(JSON.stringify(statuses));
}

/** Runs the attack in a child process (its own event loop, so the probe measures the engine, not this script). */
function attackInChild(attack: Attack, rest: string): Promise<Record<string, number>> {
  const command = [process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url), '--attack-child', attack.name, '--rest', rest, '--seconds', String(seconds), '--attackers', String(attackers)];
  const nice = Number(values['attacker-nice']);
  const [file, ...args] = nice === 0 ? command : ['nice', '-n', String(nice), ...command];
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').pop()!)) : reject(new Error(`the attack process exited with ${code}`)))));
}

/** One value of the engine's Prometheus text (prom-client's default metrics). */
function metric(text: string, name: string): number {
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

/**
 * The engine's own view: its main thread's event loop delay (prom-client samples it every 10 ms and starts
 * afresh at each scrape, so a scrape before and one after bracket the attack) and the CPU seconds the engine
 * process used meanwhile. The delay tells what held the engine thread apart from this client's own scheduling,
 * though on a loaded machine it still includes waiting for a core.
 */
async function engineView(management: string): Promise<{ lagP99: number; lagMax: number; cpu: number }> {
  const text = await (await fetch(`${management}/actuator/prometheus`)).text();
  return { lagP99: metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1000, lagMax: metric(text, 'nodejs_eventloop_lag_max_seconds') * 1000, cpu: metric(text, 'process_cpu_seconds_total') };
}

/**
 * CPU milliseconds the engine's main thread (the engine thread) has used: utime + stime of its task in /proc
 * (Linux, 10 ms steps). Unlike the process's CPU it leaves out the log writer and history exporter threads.
 */
function engineThreadCpuMillis(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Engine CPU seconds one probe round (topology, health, creation) cost with no attack: subtracted to get what the attack cost. */
let quietCpuPerRound: number | undefined;

async function runAttack(attack: Attack | undefined, rest: string, management: string, pid?: number): Promise<void> {
  const until = performance.now() + seconds * 1000;
  const load = attack ? attackInChild(attack, rest) : Promise.resolve({});
  // Let the attack build up before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = await engineView(management);
  const threadBefore = engineThreadCpuMillis(pid);
  const measuredFrom = performance.now();
  // This client's own event loop delay: what the machine's scheduling alone costs a process that does little.
  const own = monitorEventLoopDelay({ resolution: 10 });
  own.enable();
  const samples = await probe(rest, management, until);
  own.disable();
  const probeEnded = performance.now();
  const threadAfter = engineThreadCpuMillis(pid);
  const after = await engineView(management);
  const scrapeMs = performance.now() - probeEnded;
  const statuses = await load;
  const answered = Object.entries(statuses).map(([status, count]) => `${status}×${count}`).join(', ');
  // The attack's requests answered while the engine's CPU was measured, assuming an even pace over the attack.
  const attackRequests = (Object.values(statuses as Record<string, number>).reduce((sum, count) => sum + count, 0) * (probeEnded - measuredFrom)) / (seconds * 1000);
  console.log(`\n${attack ? `${attack.name}: ${attack.clients ?? attackers} attackers` : 'no attack'} for ${seconds} s${answered ? ` (answered ${answered})` : ''}; load average ${loadavg()[0].toFixed(1)}`);
  console.log(summary('  GET /v2/topology', samples.topology));
  console.log(summary('  GET /actuator/health', samples.health));
  console.log(summary('  POST /v2/process-instances', samples.command));
  const cpu = after.cpu - before.cpu;
  const rounds = samples.topology.length;
  if (!attack) quietCpuPerRound = cpu / rounds;
  const attackingRequests = Object.values(statuses as Record<string, number>).reduce((sum, count) => sum + count, 0);
  // The attack's answers are counted over `seconds`, the CPU over the measured window: scale the count to it.
  const inWindow = (attackingRequests * (probeEnded - measuredFrom)) / (seconds * 1000);
  if (attack && quietCpuPerRound !== undefined && inWindow > 0) {
    console.log(`  engine CPU per attacking request ≈ ${(((cpu - quietCpuPerRound * rounds) / inWindow) * 1000).toFixed(2)} ms (the probe's ${rounds} rounds at the quiet run's cost subtracted)`);
  }
  console.log(`  engine event loop delay p99 ${after.lagP99.toFixed(0)} ms, max ${after.lagMax.toFixed(0)} ms; engine CPU ${(after.cpu - before.cpu).toFixed(1)} s in ${((probeEnded - measuredFrom) / 1000).toFixed(1)} s (scrape ${scrapeMs.toFixed(0)} ms); this client's own event loop delay p99 ${(own.percentile(99) / 1e6).toFixed(0)} ms, max ${(own.max / 1e6).toFixed(0)} ms`);
  console.log(`  engine thread CPU ${((threadAfter - threadBefore) / 1000).toFixed(1)} s`);
  if (attack && attackRequests > 0) {
    console.log(
      `  per attacking request ≈ ${(((after.cpu - before.cpu) * 1000) / attackRequests).toFixed(0)} ms of engine CPU, ${((threadAfter - threadBefore) / attackRequests).toFixed(0)} ms of it on the engine thread (the probe's own requests included)`,
    );
  }
}

if (values['attack-child']) {
  await attackFromThisProcess(ATTACKS.find((attack) => attack.name === values['attack-child'])!, values.rest!);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'onego-bench-security-'));
try {
  const fillStart = performance.now();
  fillHistory(dir, instances);
  console.log(`filled history with ${instances} instances in ${((performance.now() - fillStart) / 1000).toFixed(1)} s; load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  const identityFile = join(dir, 'bench-identity.json');
  writeProbeIdentity(identityFile);
  const { child, rest, management } = await startEngine(dir, ['--auth', 'basic', '--identity', identityFile], {}, values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []);
  try {
    const form = new FormData();
    form.append('resources', new Blob([STRAIGHT_BPMN]), 'bench-isolation.bpmn');
    form.append('resources', new Blob([FEEL_PATTERN_BPMN]), 'bench-feel-pattern.bpmn');
    form.append('resources', new Blob([FEEL_DOCUMENT_BPMN]), 'bench-feel-document.bpmn');
    const deployed = await fetch(`${rest}/v2/deployments`, { method: 'POST', headers: { authorization: ADMIN }, body: form });
    if (!deployed.ok) throw new Error(`deployment failed: ${deployed.status} ${await deployed.text()}`);
    const only = values.only?.split(',').map((name) => name.trim());
    await runAttack(undefined, rest, management, child.pid);
    for (const attack of ATTACKS) {
      if (only && !only.some((name) => attack.name.startsWith(name))) continue;
      await runAttack(attack, rest, management, child.pid);
    }
  } finally {
    await stopEngine(child);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
