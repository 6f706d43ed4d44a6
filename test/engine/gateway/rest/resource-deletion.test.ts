import { expect } from 'chai';
import { startRestTestBed, type RestTestBed } from './rest-test-bed';

const ADMIN = { username: 'guan.li', password: 'onego-demo' };
const STAFF = { username: 'zhang.san', password: 'onego-demo' };

function noneBpmn(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="${processId}" name="待删除" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

describe('the REST gateway: resource deletion (POST /v2/resources/{key}/deletion)', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
  });
  after(async () => {
    await bed?.close();
  });

  it('deletes a deployed process definition for an admin through the SDK, so no new instance can start from it', async () => {
    // given a deployed process
    const admin = bed.sdk(ADMIN);
    const deployment = await admin.deployResources([{ name: 'to-delete.bpmn', content: noneBpmn('to-delete') }]);
    const processDefinitionKey = String(deployment.processes[0]!.processDefinitionKey);

    // when the admin deletes it
    await admin.deleteResource({ resourceKey: processDefinitionKey });

    // then the engine recorded the deletion, and starting the process is refused
    const deleted = await bed.record((record) => record.valueType === 'RESOURCE_DELETION' && record.intent === 'DELETED');
    expect(String(deleted.value.resourceKey)).to.equal(processDefinitionKey);
    const start = await bed.call('POST', '/process-instances', { body: { processDefinitionId: 'to-delete' }, caller: ADMIN });
    expect(start.status).to.equal(404);
    expect(start.headers.get('content-type')).to.match(/application\/problem\+json/);
  });

  it('answers 404 problem+json for a key nothing was deployed under', async () => {
    const response = await bed.call('POST', '/resources/2251799813999999/deletion', { caller: ADMIN });
    expect(response.status).to.equal(404);
    expect(((await response.json()) as { title?: string }).title).to.be.a('string');
  });

  it('refuses staff with 403, leaving the resource in place', async () => {
    const admin = bed.sdk(ADMIN);
    const deployment = await admin.deployResources([{ name: 'kept.bpmn', content: noneBpmn('kept') }]);
    const key = String(deployment.processes[0]!.processDefinitionKey);
    const response = await bed.call('POST', `/resources/${key}/deletion`, { caller: STAFF });
    expect(response.status).to.equal(403);
    const start = await bed.call('POST', '/process-instances', { body: { processDefinitionId: 'kept' }, caller: ADMIN });
    expect(start.status).to.equal(200);
  });
});
