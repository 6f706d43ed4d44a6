import { expect } from 'chai';
import { FEEL_ENGINE_MAX_ITERATIONS, FEEL_MAX_ITERATIONS } from '../../../engine/feel/iteration-budget';
import { ADMIN, AUDITOR, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';
import { deployRunaways, isIncident, recordWatcher, type Runaway } from './runaway-processes';

/**
 * Issue 13's last holes in FEEL on the engine thread: work that only the 200 ms time guard stopped. A pattern in
 * `matches()`, `replace()` or `split()` ran on JavaScript's backtracking RegExp; one built-in call over a huge
 * context (`to json`, `distinct values`, `context merge`) cost one step, and reading such a context cost feelin
 * a copy of all of it before any built-in ran. Each runaway here is the same expression run hostile (a long input,
 * a big pattern, a huge document) and sound: the hostile run is an incident naming the step budget, the same
 * each time; the sound one yields its result.
 */
const entries = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));
const rows = (count: number) => Array.from({ length: count }, (_, index) => ({ row: index, name: `行 ${index}` }));

const RUNAWAYS: Runaway[] = [
  // re2js does not backtrack, but a program of 1,000 instructions advances 1,000 threads per character
  { id: 'pattern-over-long-text', expression: '=matches(text, pattern)', hostile: { text: `${'a'.repeat(100_000)}!`, pattern: '\\pL{1000}!' }, sound: { text: 'OneGo-2026', pattern: '^[A-Za-z]+-\\d{4}$' }, result: true },
  // each search may scan to the end of the input: a(.*b)? over 16,000 characters took 10 s
  { id: 'search-repeated-over-text', expression: '=count(split(text, pattern))', hostile: { text: 'a'.repeat(16_000), pattern: 'a(.*b)?' }, sound: { text: '甲,乙,丙', pattern: ',' }, result: 3 },
  // compiling costs a step per instruction, bounded before compiling
  { id: 'pattern-too-large', expression: '=matches(text, pattern)', hostile: { text: 'a', pattern: '\\pL{1000}'.repeat(100) }, sound: { text: '张三', pattern: '^\\p{Han}{2,4}$' }, result: true },
  { id: 'to-json-of-huge-context', expression: '=string length(to json(doc))', hostile: { doc: entries(60_000) }, sound: { doc: { a: 1 } }, result: 7 },
  { id: 'distinct-values-of-rows', expression: '=count(distinct values(rows))', hostile: { rows: rows(6_000) }, sound: { rows: rows(50) }, result: 50 },
  { id: 'context-merge-of-huge-context', expression: '=count(get entries(context merge(parts)))', hostile: { parts: [entries(30_000), { extra: 1 }] }, sound: { parts: [{ a: 1 }, { b: 2 }] }, result: 2 },
];

describe('FEEL patterns and built-ins over huge values stop by count, not after 200 ms (issue 13)', function () {
  this.timeout(120_000);
  let bed: RestTestBed;
  /** The first record of an instance that matches, waited for. */
  let recordOf: ReturnType<typeof recordWatcher>;

  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    await deployRunaways(bed, RUNAWAYS);
    recordOf = recordWatcher(bed);
  });
  after(async () => {
    await bed?.close();
  });


  for (const runaway of RUNAWAYS) {
    it(`stops ${runaway.id} (${runaway.expression}) with an incident naming ONEGO_FEEL_ENGINE_MAX_ITERATIONS, the same each time, and evaluates it over sound data`, async () => {
      // when the hostile run goes twice
      const sdk = bed.sdk(ADMIN);
      const hostile = await Promise.all([0, 1].map(() => sdk.createProcessInstance({ processDefinitionId: runaway.id, variables: runaway.hostile })));
      // then each is an incident naming the step budget, in Chinese and English, with the same message (replay-safe)
      const incidents = await Promise.all(hostile.map((created) => recordOf(String(created.processInstanceKey), isIncident)));
      const message = String(incidents[0].value.errorMessage);
      expect(incidents[0].value.errorType).to.equal('EXTRACT_VALUE_ERROR');
      expect(message).to.match(new RegExp(`FEEL 求值超出预算.*at most ${FEEL_ENGINE_MAX_ITERATIONS} list items \\(ONEGO_FEEL_ENGINE_MAX_ITERATIONS\\)`));
      expect(incidents[1].value.errorMessage).to.equal(message);

      // and the sound run completes with its result
      const sound = await sdk.createProcessInstance({ processDefinitionId: runaway.id, variables: runaway.sound });
      const result = await recordOf(String(sound.processInstanceKey), (record) => record.valueType === 'VARIABLE' && record.value.name === 'result');
      expect(JSON.parse(String(result.value.value))).to.equal(runaway.result);
    });
  }

  it('answers a second client sent in the middle of a burst of hostile patterns and documents, and ends each of the burst in its incident', async () => {
    // when one caller sends twelve hostile instances at once, of every kind
    const sdk = bed.sdk(ADMIN);
    const burst = RUNAWAYS.flatMap((runaway) => [runaway, runaway]).map((runaway) => sdk.createProcessInstance({ processDefinitionId: runaway.id, variables: runaway.hostile }));
    // and a second client asks for the topology and the user tasks once the burst is under way
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [topology, search] = await Promise.all([bed.call('GET', '/topology', { caller: AUDITOR }), bed.call('POST', '/user-tasks/search', { caller: AUDITOR, body: {} })]);

    // then the second client is answered (how fast is measured by `npm run bench:security`, not here), and every
    // hostile instance ends in its incident
    expect([topology.status, search.status]).to.deep.equal([200, 200]);
    const keys = (await Promise.all(burst)).map((created) => String(created.processInstanceKey));
    const incidents = await Promise.all(keys.map((key) => recordOf(key, isIncident)));
    expect(incidents.map((incident) => String(incident.value.errorMessage))).to.satisfy((messages: string[]) => messages.every((message) => message.includes('ONEGO_FEEL_ENGINE_MAX_ITERATIONS')));
  });

  it('answers POST /v2/expression/evaluation 400 naming ONEGO_FEEL_MAX_ITERATIONS for a pattern over a long text built in the expression, and 200 for the sound form', async () => {
    const evaluate = (expression: string) => bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: { expression } });
    // 1,000 × 100 characters, then a program of 1,003 instructions over them: 1.6 million steps
    const text = `string join(for i in 1..1000 return "${'a'.repeat(100)}")`;
    const hostile = await evaluate(`=matches(${text} + "!", "\\\\pL{1000}!")`);
    expect(hostile.status).to.equal(400);
    expect(((await hostile.json()) as { detail: string }).detail).to.contain(`at most ${FEEL_MAX_ITERATIONS} list items (ONEGO_FEEL_MAX_ITERATIONS)`);
    const sound = await evaluate(`=matches(${text} + "!", "a{100}!")`);
    expect(sound.status, await sound.clone().text()).to.equal(200);
    expect(((await sound.json()) as { result: unknown }).result).to.equal(true);
  });
});
