import { expect } from 'chai';
import type { EngineRecord } from '../../../engine/api';
import { FEEL_ENGINE_MAX_ITERATIONS, FEEL_MAX_ITERATIONS } from '../../../engine/feel/iteration-budget';
import { chain, end, process, serviceTask, start } from '../../support/bpmn';
import { ADMIN, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

/** A process whose task maps `expression` into `result` on entry: element logic on the engine thread. */
function mappingProcess(id: string, expression: string): string {
  return process(id, start('start'), serviceTask('task', `${id}-work`, { inputs: { result: expression } }), end('end'), chain('start', 'task', 'end'));
}

describe('FEEL loops over lists stop after a number of items (the step budget), not only after 200 ms', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  const items = Array.from({ length: 1000 }, (_, index) => index);

  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    const deployed = await bed.sdk(ADMIN).deployResources([
      { name: 'nested-loop.bpmn', content: mappingProcess('nested-loop', '=count(for x in items, y in items return x)') },
      { name: 'filter-in-loop.bpmn', content: mappingProcess('filter-in-loop', '=count(for x in items return count(items[item > x]))') },
      { name: 'sound-loop.bpmn', content: mappingProcess('sound-loop', '=sum(for row in rows return row.amount) + count(rows[item.amount > 2])') },
    ] as never);
    expect(deployed.processes).to.have.length(3);
  });
  after(async () => {
    await bed?.close();
  });

  function incidentOf(processInstanceKey: string): Promise<EngineRecord> {
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + 20_000;
      const look = () => {
        const found = bed.server.engine.readRecords(0).find((record) => record.valueType === 'INCIDENT' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
        if (found) resolve(found);
        else if (Date.now() > deadline) reject(new Error(`no incident for ${processInstanceKey}`));
        else setTimeout(look, 50);
      };
      look();
    });
  }

  it(`raises an incident naming ONEGO_FEEL_ENGINE_MAX_ITERATIONS when nested loops over a 1,000-item list need 1,001,000 steps (limit ${FEEL_ENGINE_MAX_ITERATIONS})`, async () => {
    // when
    const created = await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'nested-loop', variables: { items } });
    // then
    const incident = await incidentOf(String(created.processInstanceKey));
    expect(incident.value.errorType).to.equal('IO_MAPPING_ERROR');
    expect(incident.value.errorMessage).to.contain(`at most ${FEEL_ENGINE_MAX_ITERATIONS} list items (ONEGO_FEEL_ENGINE_MAX_ITERATIONS)`);
    expect(incident.value.errorMessage).to.contain('FEEL 求值超出预算');
  });

  it('counts the items a filter inside a loop tests, charged before it runs, so a quadratic filter stops by steps too', async () => {
    // given 6,000 items: the loop charges 6,000 and the first filter 6,000 more, past the budget before filtering
    const many = Array.from({ length: 6000 }, (_, index) => index);
    const created = await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'filter-in-loop', variables: { items: many } });
    const incident = await incidentOf(String(created.processInstanceKey));
    expect(incident.value.errorMessage, String(incident.value.errorMessage)).to.contain('ONEGO_FEEL_ENGINE_MAX_ITERATIONS');
  });

  it('keeps sound loops and filters working: a form with 200 rows is summed and filtered', async () => {
    // given
    const rows = Array.from({ length: 200 }, (_, index) => ({ amount: index % 5 }));
    // when
    const created = await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'sound-loop', variables: { rows } });
    // then the job carries the mapped result: sum of amounts (40 × (0+1+2+3+4) = 400) plus the 80 rows above 2
    const key = String(created.processInstanceKey);
    const job = await new Promise<EngineRecord>((resolve, reject) => {
      const deadline = Date.now() + 20_000;
      const look = () => {
        const found = bed.server.engine.readRecords(0).find((record) => record.valueType === 'JOB' && record.intent === 'CREATED' && record.value.processInstanceKey === key);
        if (found) resolve(found);
        else if (Date.now() > deadline) reject(new Error('no job'));
        else setTimeout(look, 50);
      };
      look();
    });
    const result = bed.server.engine.readRecords(0).find((record) => record.valueType === 'VARIABLE' && record.value.name === 'result' && record.value.scopeKey === job.value.elementInstanceKey);
    expect(result?.value.value).to.equal('480');
  });

  it(`answers POST /v2/expression/evaluation 400 naming ONEGO_FEEL_MAX_ITERATIONS when loops need more than ${FEEL_MAX_ITERATIONS} steps`, async () => {
    // given a list of 400 items made once in the expression (a range of 400 is well within the range budget)
    const expression = '={l: for i in 1..400 return i, n: count(for x in l, y in l return x)}.n';
    // when
    const response = await bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: { expression } });
    // then
    expect(response.status).to.equal(400);
    const problem = (await response.json()) as { detail: string };
    expect(problem.detail, problem.detail).to.contain(`at most ${FEEL_MAX_ITERATIONS} list items (ONEGO_FEEL_MAX_ITERATIONS)`);
    const sound = await bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: { expression: '=count(for x in (for i in 1..300 return i) return x)' } });
    expect(sound.status, await sound.clone().text()).to.equal(200);
    expect(((await sound.json()) as { result: number }).result).to.equal(300);
  });
});
