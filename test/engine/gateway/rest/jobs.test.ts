import { expect } from 'chai';
import { startRestTestBed, type RestTestBed } from './rest-test-bed';

/** start → service task `type` → end. */
function serviceBpmn(processId: string, type: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="${processId}" name="发送通知" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work" name="发送短信">
      <bpmn:extensionElements><zeebe:taskDefinition type="${type}" retries="3" /><zeebe:taskHeaders><zeebe:header key="channel" value="sms" /></zeebe:taskHeaders></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

describe('the REST gateway: jobs', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('lets an SDK REST job worker complete service tasks, and awaitCompletion returns the result', async () => {
    // given
    const sdk = bed.sdk();
    await sdk.deployResources([{ name: 'rest-worker.bpmn', content: serviceBpmn('rest-worker', 'rest-notify') }]);
    sdk.createJobWorker({
      type: 'rest-notify',
      worker: 'notifier',
      timeout: 30_000,
      maxJobsToActivate: 5,
      pollIntervalMs: 50,
      jobHandler: (job: { variables: Record<string, unknown>; customHeaders: Record<string, string>; complete: (v: unknown) => unknown }) => job.complete({ sentTo: `${String(job.variables.phone)}`, channel: job.customHeaders.channel }),
    } as never);
    // when
    const result = await sdk.createProcessInstanceWithResult({ processDefinitionId: 'rest-worker', variables: { phone: '13800000000' } });
    // then
    expect(result.variables).to.deep.include({ sentTo: '13800000000', channel: 'sms' });
  });

  it('long-polls: an activation waiting for a job type answers once such a job is created', async () => {
    // given
    await bed.sdk().deployResources([{ name: 'poll.bpmn', content: serviceBpmn('poll', 'poll-type') }]);
    const waiting = bed.call('POST', '/jobs/activation', { body: { type: 'poll-type', worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: 20_000 } });
    // when
    const { processInstanceKey } = await bed.sdk().createProcessInstance({ processDefinitionId: 'poll', variables: {} });
    // then
    const response = await waiting;
    const { jobs } = (await response.json()) as { jobs: { processInstanceKey: string; kind: string; customHeaders: Record<string, string> }[] };
    expect(jobs).to.have.length(1);
    expect(jobs[0]).to.include({ processInstanceKey, kind: 'BPMN_ELEMENT' });
    expect(jobs[0].customHeaders).to.deep.equal({ channel: 'sms' });
  });

  it('turns a failure without retries into an incident that the admin resolves after raising the retries', async () => {
    // given
    const camunda = bed.orchestration();
    await bed.sdk().deployResources([{ name: 'fails.bpmn', content: serviceBpmn('fails', 'fail-type') }]);
    const { processInstanceKey } = await bed.sdk().createProcessInstance({ processDefinitionId: 'fails', variables: {} });
    const { jobs } = await camunda.activateJobs({ type: 'fail-type', worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    const jobKey = String(jobs[0].jobKey);
    // when
    await camunda.failJob({ jobKey, retries: 0, errorMessage: '短信网关不可用' } as never);
    // then
    const incidents = await camunda.searchIncidents({ filter: { processInstanceKey } } as never, { consistency: { waitUpToMs: 0 } } as never);
    const incidentItems = incidents.items ?? [];
    expect(incidentItems).to.have.length(1);
    expect(incidentItems[0]).to.include({ errorType: 'JOB_NO_RETRIES', errorMessage: '短信网关不可用', state: 'ACTIVE', jobKey });
    const instance = await camunda.getProcessInstance({ processInstanceKey } as never, { consistency: { waitUpToMs: 0 } } as never);
    expect(instance.hasIncident).to.equal(true);

    // when
    await camunda.updateJob({ jobKey, changeset: { retries: 2 } } as never);
    await camunda.resolveIncident({ incidentKey: incidentItems[0].incidentKey } as never);
    // then
    const resolved = await camunda.getIncident({ incidentKey: incidentItems[0].incidentKey } as never, { consistency: { waitUpToMs: 0 } } as never);
    expect(resolved.state).to.equal('RESOLVED');
    const again = await camunda.activateJobs({ type: 'fail-type', worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    expect(again.jobs.map((job: { jobKey: unknown }) => String(job.jobKey))).to.deep.equal([jobKey]);
    await camunda.throwJobError({ jobKey, errorCode: 'NO_GATEWAY', errorMessage: '无人处理' } as never);
    const unhandled = await camunda.searchIncidents({ filter: { processInstanceKey, state: 'ACTIVE' } } as never, { consistency: { waitUpToMs: 0 } } as never);
    expect((unhandled.items ?? []).map((incident) => incident.errorType)).to.deep.equal(['UNHANDLED_ERROR_EVENT']);
  });

  for (const [description, body, detail] of [
    ['no type', { timeout: 1000, maxJobsToActivate: 1 }, 'No type provided.'],
    ['no timeout', { type: 't', maxJobsToActivate: 1 }, 'No timeout provided.'],
    ['a maxJobsToActivate of 0', { type: 't', timeout: 1000, maxJobsToActivate: 0 }, "The value for maxJobsToActivate is '0' but must be at least 1."],
  ] as const) {
    it(`refuses an activation with ${description} as a 400 problem`, async () => {
      const response = await bed.call('POST', '/jobs/activation', { body });
      expect(response.status).to.equal(400);
      expect(((await response.json()) as { detail: string }).detail).to.equal(detail);
    });
  }

  it('answers 404 for completing a job that does not exist', async () => {
    const response = await bed.call('POST', '/jobs/2251799813999999/completion', { body: { variables: {} } });
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.match(/problem\+json/);
  });
});
