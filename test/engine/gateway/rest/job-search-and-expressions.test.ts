import { expect } from 'chai';
import { ADMIN, AUDITOR, WORKER, ZHANG_SAN, startRestTestBed, type RestTestBed } from './rest-test-bed';

const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
  <bpmn:process id="searched-jobs" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="stamp"/>
    <bpmn:serviceTask id="stamp"><bpmn:extensionElements><zeebe:taskDefinition type="search-stamp" retries="3"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="stamp" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

const NOW = { consistency: { waitUpToMs: 0 } } as never;

describe('the REST gateway: POST /v2/jobs/search (8.9) and POST /v2/expression/evaluation (8.10)', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic', clock: 'controlled' });
    await bed.sdk(ADMIN).deployResources([{ name: 'searched-jobs.bpmn', content: PROCESS }]);
  });
  after(async () => {
    await bed?.close();
  });

  it('finds the jobs of an instance through the orchestration client, with their state after a failure and a completion', async () => {
    // given two instances: one job failed with retries left, one completed
    const first = (await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'searched-jobs', variables: {} })).processInstanceKey;
    const second = (await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'searched-jobs', variables: {} })).processInstanceKey;
    const worker = bed.orchestration({ ...WORKER });
    const { jobs } = await worker.activateJobs({ type: 'search-stamp', worker: 'stamper', timeout: 60_000, maxJobsToActivate: 2, requestTimeout: -1 } as never);
    const byInstance = (key: string) => jobs.find((job) => job.processInstanceKey === key)!;
    await worker.failJob({ jobKey: byInstance(first).jobKey, retries: 2, errorMessage: 'scanner offline' } as never);
    await worker.completeJob({ jobKey: byInstance(second).jobKey } as never);
    // when the auditor searches jobs of the first instance
    const found = await bed.orchestration({ ...AUDITOR }).searchJobs({ filter: { processInstanceKey: first } } as never, NOW);
    // then the failed job is there as Camunda describes it
    expect(found.items).to.have.length(1);
    expect(found.items![0]).to.include({ type: 'search-stamp', state: 'FAILED', retries: 2, hasFailedWithRetriesLeft: true, errorMessage: 'scanner offline', elementId: 'stamp', processDefinitionId: 'searched-jobs' });
    // and filtering by state and sorting work
    const completed = await bed.orchestration({ ...AUDITOR }).searchJobs({ filter: { type: 'search-stamp', state: 'COMPLETED' }, sort: [{ field: 'jobKey', order: 'DESC' }] } as never, NOW);
    expect(completed.items!.map((job) => job.processInstanceKey)).to.deep.equal([second]);
    expect(completed.items![0].endTime).to.be.a('string');
  });

  it('refuses a job search by an unknown field (400) and to a clerk (403)', async () => {
    expect((await bed.call('POST', '/jobs/search', { caller: AUDITOR, body: { filter: { colour: 'red' } } })).status).to.equal(400);
    expect((await bed.call('POST', '/jobs/search', { caller: ZHANG_SAN, body: {} })).status).to.equal(403);
  });

  it('evaluates FEEL with the engine clock and Camunda\'s functions, and a static value as itself', async () => {
    await bed.server.engine.clock.pin(Date.parse('2026-10-01T00:00:00Z'));
    const evaluate = async (expression: string) => {
      const response = await bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: { expression } });
      expect(response.status, await response.clone().text()).to.equal(200);
      return (await response.json()) as { expression: string; result: unknown; warnings: string[] };
    };
    expect(await evaluate('=1 + 2')).to.deep.equal({ expression: '=1 + 2', result: 3, warnings: [] });
    expect((await evaluate('=string(today())')).result).to.equal('2026-10-01');
    expect((await evaluate('=is empty([])')).result).to.equal(true);
    expect((await evaluate('受理')).result).to.equal('受理');
    const missing = await evaluate('=applicant.name');
    expect(missing.result).to.equal(null);
    expect(missing.warnings.join(' ')).to.contain('applicant');
  });

  it('answers 400 for a syntax error, a missing expression and a runaway expression (the FEEL time guard)', async () => {
    const syntax = await bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: { expression: '=1 +' } });
    expect(syntax.status).to.equal(400);
    expect(((await syntax.json()) as { detail: string }).detail).to.contain('1 +');
    expect((await bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: {} })).status).to.equal(400);
    const runaway = await bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: { expression: '=count(for a in 1..1000, b in 1..1000, c in 1..1000 return a)' } });
    expect(runaway.status).to.equal(400);
    expect((await bed.call('POST', '/expression/evaluation', { caller: ZHANG_SAN, body: { expression: '=1' } })).status).to.equal(403);
  });
});
