import { expect } from 'chai';
import { FEEL_MAX_CALL_DEPTH } from '../../../engine/feel/call-budget';
import { FEEL_ENGINE_MAX_ITERATIONS, FEEL_MAX_ITERATIONS } from '../../../engine/feel/iteration-budget';
import { ADMIN, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';
import { deployRunaways, isIncident, recordWatcher, type Runaway as RunawayProcess } from './runaway-processes';

/**
 * One runaway of each kind that the loop and range counts did not see, each the same expression run hostile
 * (long lists, a big `n`) and sound (short lists, a small `n`): a built-in going through a long list or string on
 * every turn of a loop, exponential recursion, deep recursion.
 */
interface Runaway extends RunawayProcess {
  setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS' | 'ONEGO_FEEL_MAX_CALL_DEPTH';
}

const long = Array.from({ length: 2000 }, (_, index) => index);
const short = Array.from({ length: 50 }, (_, index) => index);
const numbers = (list: number[], n: number) => ({ list, n });
const words = (list: number[], n: number) => ({ words: list.map(String), n });

const RUNAWAYS: Runaway[] = [
  { id: 'sum-in-loop', expression: '=count(for x in 1..n return sum(list))', hostile: numbers(long, 100), sound: numbers(short, 10), result: 10, setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS' },
  { id: 'join-in-loop', expression: '=count(for x in 1..n return string join(words, ","))', hostile: words(long, 100), sound: words(short, 10), result: 10, setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS' },
  { id: 'contains-in-loop', expression: '=count(for x in 1..n return list contains(list, -1))', hostile: numbers(long, 100), sound: numbers(short, 10), result: 10, setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS' },
  { id: 'sort-in-loop', expression: '=count(for x in 1..n return sort(list, function(a, b) a > b))', hostile: numbers(long, 100), sound: numbers(short, 10), result: 10, setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS' },
  { id: 'distinct-in-loop', expression: '=count(for x in 1..n return distinct values(list))', hostile: numbers(long, 100), sound: numbers(short, 10), result: 10, setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS' },
  { id: 'concatenate-in-loop', expression: '=count(for x in 1..n return concatenate(list, list))', hostile: numbers(long, 100), sound: numbers(short, 10), result: 10, setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS' },
  {
    id: 'strings-in-loop',
    expression: '=sum(for x in 1..n return string length(upper case(text)))',
    hostile: { text: 'a'.repeat(200_000), n: 100 },
    sound: { text: 'a'.repeat(1_000), n: 10 },
    result: 10_000,
    setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS',
  },
  { id: 'exponential-recursion', expression: '={f: function(k) if k = 0 then 1 else f(k - 1) + f(k - 1)}.f(n)', hostile: { n: 40 }, sound: { n: 8 }, result: 256, setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS' },
  { id: 'deep-recursion', expression: '={g: function(k) if k = 0 then 0 else 1 + g(k - 1)}.g(n)', hostile: { n: 1000 }, sound: { n: 100 }, result: 100, setting: 'ONEGO_FEEL_MAX_CALL_DEPTH' },
];

describe('FEEL function calls and built-ins over long lists and strings stop by count, not only after 200 ms (issue 13)', function () {
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
    it(`stops ${runaway.id} (${runaway.expression}) with an incident naming ${runaway.setting}, the same each time, and evaluates it over short data`, async () => {
      // when the hostile run goes twice
      const sdk = bed.sdk(ADMIN);
      const hostile = await Promise.all([0, 1].map(() => sdk.createProcessInstance({ processDefinitionId: runaway.id, variables: runaway.hostile })));
      // then each is an incident naming the setting, in Chinese and English, with the same message (replay-safe)
      const incidents = await Promise.all(
        hostile.map((created) => recordOf(String(created.processInstanceKey), isIncident)),
      );
      const message = String(incidents[0].value.errorMessage);
      expect(incidents[0].value.errorType).to.equal('EXTRACT_VALUE_ERROR');
      expect(message).to.contain(runaway.setting);
      expect(message).to.match(runaway.setting === 'ONEGO_FEEL_MAX_CALL_DEPTH' ? new RegExp(`FEEL 函数调用嵌套过深：最多 ${FEEL_MAX_CALL_DEPTH} 层`) : new RegExp(`FEEL 求值超出预算.*at most ${FEEL_ENGINE_MAX_ITERATIONS} list items`));
      expect(incidents[1].value.errorMessage).to.equal(message);

      // and the sound run completes with its result
      const sound = await sdk.createProcessInstance({ processDefinitionId: runaway.id, variables: runaway.sound });
      const result = await recordOf(String(sound.processInstanceKey), (record) => record.valueType === 'VARIABLE' && record.value.name === 'result');
      expect(JSON.parse(String(result.value.value))).to.equal(runaway.result);
    });
  }

  it(`answers POST /v2/expression/evaluation 400 naming ONEGO_FEEL_MAX_ITERATIONS or ONEGO_FEEL_MAX_CALL_DEPTH, and 200 for the sound forms`, async () => {
    const evaluate = (expression: string) => bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: { expression } });
    // 200 turns of a sum over 1,000 items: 200,000 steps, over the isolation threads' 100,000
    const summed = await evaluate('={l: for i in 1..1000 return i, n: count(for x in 1..200 return sum(l))}.n');
    expect(summed.status).to.equal(400);
    expect(((await summed.json()) as { detail: string }).detail).to.contain(`at most ${FEEL_MAX_ITERATIONS} list items (ONEGO_FEEL_MAX_ITERATIONS)`);
    const deep = await evaluate('={g: function(k) if k = 0 then 0 else 1 + g(k - 1)}.g(1000)');
    expect(deep.status).to.equal(400);
    expect(((await deep.json()) as { detail: string }).detail).to.contain(`at most ${FEEL_MAX_CALL_DEPTH} calls deep (ONEGO_FEEL_MAX_CALL_DEPTH)`);
    for (const [expression, expected] of [
      ['={l: for i in 1..1000 return i, n: count(for x in 1..20 return sum(l))}.n', 20],
      ['={g: function(k) if k = 0 then 0 else 1 + g(k - 1)}.g(200)', 200],
    ] as const) {
      const sound = await evaluate(expression);
      expect(sound.status, await sound.clone().text()).to.equal(200);
      expect(((await sound.json()) as { result: number }).result).to.equal(expected);
    }
  });
});
