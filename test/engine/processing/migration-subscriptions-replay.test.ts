import { expect } from 'chai';
import type { DeployedProcess } from '../../../engine/api';
import { TestEngine, bpmn } from '../../support';
import { compensate, compensationBoundary, forCompensation } from '../conformance/support/compensation-models';
import { conditional } from '../conformance/support/conditional-models';

const { process, start, end, serviceTask, userTask, boundary, throwEvent, chain } = bpmn;

/** Version `v` of a model with a completed compensable payment and a review with a conditional boundary event. */
function model(v: 1 | 2): string {
  const [pay, payUndo, refund, changed] = v === 1 ? ['pay', 'payUndo', 'refund', 'changed'] : ['charge', 'chargeUndo', 'reimburse', 'address-changed'];
  return process(
    'mig-replay',
    start('s'),
    serviceTask(pay, 'mr-pay'),
    compensationBoundary(payUndo, pay, refund),
    forCompensation(serviceTask(refund, 'mr-refund')),
    userTask('review'),
    boundary(changed, 'review', conditional('=addressChanged = true')),
    end('be'),
    throwEvent('undo', compensate()),
    end('e'),
    chain('s', pay, 'review', 'undo', 'e'),
    chain(changed, 'be'),
  );
}

async function deploy(engine: TestEngine, v: 1 | 2): Promise<string> {
  const result = await engine.deployment().withXml(model(v)).deploy();
  return (result.deployments[0] as { process: DeployedProcess }).process.processDefinitionKey;
}

describe('replay: conditional and compensation subscriptions moved by a migration', () => {
  it('rebuilds the migrated subscriptions from the log and from a snapshot taken before the migration, and they still work', async () => {
    // given an instance at the review (compensation subscription of `pay`, conditional subscription of `changed`)
    const engine = await TestEngine.start();
    try {
      await deploy(engine, 1);
      const key = await engine.processInstance().ofBpmnProcessId('mig-replay').withVariables({ addressChanged: false }).create();
      await engine.job().ofType('mr-pay').complete();
      await engine.engine.takeSnapshot();
      const v2 = await deploy(engine, 2);
      // when it is migrated with both catch events mapped
      await engine.engine.migrateProcessInstance({
        processInstanceKey: key,
        targetProcessDefinitionKey: v2,
        mappingInstructions: [
          { sourceElementId: 'review', targetElementId: 'review' },
          { sourceElementId: 'payUndo', targetElementId: 'chargeUndo' },
          { sourceElementId: 'changed', targetElementId: 'address-changed' },
        ],
      });
      await engine.engine.whenIdle();
      const live = engine.engine.snapshot() as {
        compensationSubscriptions: Record<string, { value: { compensableActivityId: string; compensationHandlerId: string } }[]>;
        conditionalSubscriptions: Record<string, { value: { catchEventId: string } }>;
      };
      expect(live.compensationSubscriptions[key].map((s) => s.value)).to.deep.include.members([{ ...live.compensationSubscriptions[key][0].value, compensableActivityId: 'charge', compensationHandlerId: 'reimburse' }]);
      expect(Object.values(live.conditionalSubscriptions).map((s) => s.value.catchEventId)).to.include('address-changed');
      // then a restart from the snapshot plus tail, and a full replay, give the same state
      await engine.restart();
      expect(engine.engine.snapshot()).to.deep.equal(live);
      await engine.restart({ replayAll: true });
      expect(engine.engine.snapshot()).to.deep.equal(live);
      // and the migrated conditional boundary still triggers, on the target's path
      await engine.engine.setVariables({ elementInstanceKey: key, variables: { addressChanged: true }, local: false });
      await engine.engine.whenIdle();
      expect(engine.isCompleted(key)).to.equal(true);
      expect(engine.records().processInstance().withProcessInstanceKey(key).withElementId('be').withIntent('ELEMENT_COMPLETED').exists()).to.equal(true);
    } finally {
      await engine.close();
    }
  });
});
