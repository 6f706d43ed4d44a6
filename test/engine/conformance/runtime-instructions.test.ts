import { expect } from 'chai';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import type { EngineRecord } from '../../../engine/api';
import { TestEngine, bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, userTask, boundary, timerDuration, chain } = bpmn;

/**
 * Camunda 8.8's runtime instructions at creation (REST `runtimeInstructions`): TERMINATE_PROCESS_INSTANCE ends
 * the instance once `afterElementId` completes or is terminated, as Zeebe's
 * BpmnStateTransitionBehavior#executeRuntimeInstructions: RUNTIME_INSTRUCTION INTERRUPTED, then the process is
 * terminated and the element's way out is not taken.
 */
describe('conformance: runtime instructions at process instance creation (Camunda 8.8)', () => {
  let bed: ConformanceBed;
  let camunda: ReturnType<typeof createCamundaClient>;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    camunda = createCamundaClient({
      config: { CAMUNDA_REST_ADDRESS: bed.gateway.server.restUrl, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_SDK_VALIDATION: 'req:none,res:none' } as never,
    });
    await bed.deploy(process('ri-review', start('s'), serviceTask('check', 'ri-check'), userTask('review'), serviceTask('archive', 'ri-archive'), end('e'), boundary('late', 'review', timerDuration('PT1H')), end('le'), chain('s', 'check', 'review', 'archive', 'e'), chain('late', 'le')));
  });
  after(async () => {
    await bed?.close();
  });

  const create = async (afterElementId: string) =>
    String(((await camunda.createProcessInstance({ processDefinitionId: 'ri-review', runtimeInstructions: [{ type: 'TERMINATE_PROCESS_INSTANCE', afterElementId }] } as never)) as { processInstanceKey: string }).processInstanceKey);

  it('terminates the instance once the named element completes, without taking its outgoing flow', async () => {
    // given
    const key = await create('check');
    // when the check completes
    bed.work('ri-check', (job) => job.complete({ checked: true }));
    await bed.waitForTermination(key);
    // then
    const interrupted = bed.records.asList().find((r: EngineRecord) => r.valueType === 'RUNTIME_INSTRUCTION' && r.value.processInstanceKey === key)!;
    expect(interrupted).to.deep.include({ intent: 'INTERRUPTED', key });
    expect(interrupted.value).to.deep.include({ elementId: 'check' });
    const trail = bed.trail(key);
    expect(trail.indexOf('ri-review:ELEMENT_TERMINATING')).to.be.greaterThan(trail.indexOf('check:ELEMENT_COMPLETED'));
    expect(trail.some((entry) => entry.startsWith('check_review'))).to.equal(false);
    expect(bed.elements(key).withElementId('review').count()).to.equal(0);
    const created = bed.records.asList().find((r: EngineRecord) => r.valueType === 'PROCESS_INSTANCE_CREATION' && r.key === key)!;
    expect(created.value.runtimeInstructions).to.deep.equal([{ type: 'TERMINATE_PROCESS_INSTANCE', afterElementId: 'check' }]);
  });

  it('terminates the instance once the named element is terminated (its boundary timer fired), without running the boundary path', async () => {
    const key = await create('review');
    await bed.waitForElement(key, 'review', 'ELEMENT_ACTIVATED');
    // the timer fires: the review is terminated, and with it the instance
    await bed.advanceClock(3_600_000 + 1_000);
    await bed.waitForTermination(key);
    expect(bed.elements(key).withElementId('review').withIntent('ELEMENT_TERMINATED').count()).to.equal(1);
    expect(bed.elements(key).withElementId('le').count()).to.equal(0);
  });

  it('counts a multi-instance activity once, when its body completes, not at each inner instance', async () => {
    await bed.deploy(process('ri-mi', start('s'), serviceTask('sign', 'ri-sign', { multiInstance: { inputCollection: '=signers', inputElement: 'signer' } }), serviceTask('file', 'ri-file'), end('e'), chain('s', 'sign', 'file', 'e')));
    const created = (await camunda.createProcessInstance({ processDefinitionId: 'ri-mi', variables: { signers: ['a', 'b'] }, runtimeInstructions: [{ type: 'TERMINATE_PROCESS_INSTANCE', afterElementId: 'sign' }] } as never)) as { processInstanceKey: string };
    const key = String(created.processInstanceKey);
    bed.work('ri-sign', (job) => job.complete());
    await bed.waitForTermination(key);
    const signs = bed.elements(key).withElementId('sign').withIntent('ELEMENT_COMPLETED').asList();
    expect(signs.map((r: EngineRecord) => r.value.bpmnElementType)).to.deep.equal(['SERVICE_TASK', 'SERVICE_TASK', 'MULTI_INSTANCE_BODY']);
    expect(bed.elements(key).withElementId('file').count()).to.equal(0);
  });

  it('refuses a runtime instruction of another type or without afterElementId with 400', async () => {
    for (const runtimeInstructions of [[{ type: 'SUSPEND', afterElementId: 'check' }], [{ type: 'TERMINATE_PROCESS_INSTANCE' }]]) {
      const response = await fetch(`${bed.gateway.server.restUrl}/v2/process-instances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ processDefinitionId: 'ri-review', runtimeInstructions }),
      });
      expect(response.status).to.equal(400);
    }
  });
});

describe('replay: a runtime instruction survives a restart', () => {
  it('still terminates the instance after the named element once the engine restarted', async () => {
    const engine = await TestEngine.start();
    try {
      await engine.deployment().withXml(process('ri-restart', start('s'), serviceTask('a', 'ri-a'), serviceTask('b', 'ri-b'), end('e'), chain('s', 'a', 'b', 'e'))).deploy();
      const created = await engine.engine.createProcessInstance({ bpmnProcessId: 'ri-restart', runtimeInstructions: [{ type: 'TERMINATE_PROCESS_INSTANCE', afterElementId: 'a' }] });
      const before = engine.engine.snapshot();
      await engine.restart({ replayAll: true });
      expect(engine.engine.snapshot()).to.deep.equal(before);
      await engine.job().ofType('ri-a').complete();
      expect(engine.records().processInstance().withProcessInstanceKey(created.processInstanceKey).withElementId('ri-restart').withIntent('ELEMENT_TERMINATED').exists()).to.equal(true);
      expect(engine.records().processInstance().withProcessInstanceKey(created.processInstanceKey).withElementId('b').exists()).to.equal(false);
    } finally {
      await engine.close();
    }
  });
});
