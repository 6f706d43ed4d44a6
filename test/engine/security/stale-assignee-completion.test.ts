import { expect } from 'chai';
import { EngineRejection } from '../../../engine/api';
import { TestEngine, bpmn } from '../../support';
import { LI_SI, ZHANG_SAN, licenceReviewBpmn, formJson, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

const { process, start, end, userTask, chain } = bpmn;

describe('completing a user task checks its current assignee inside the command (no stale copy)', () => {
  describe('in the engine', () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await TestEngine.start();
    });
    afterEach(async () => {
      await engine.close();
    });

    it('rejects a completion as the assignee FORBIDDEN when a takeover was processed just before it, naming the task only by key', async () => {
      await engine.deployment().withXml(process('p', start('s'), userTask('review'), end('e'), chain('s', 'review', 'e'))).deploy();
      await engine.processInstance().ofBpmnProcessId('p').create();
      const { userTaskKey } = engine.userTask().only('review');
      await engine.engine.assignUserTask(userTaskKey, 'zhang.san', {}, { actor: 'zhang.san' });
      // the gateway saw zhang.san as assignee; the supervisor's takeover reaches the engine first (same batch)
      const takeover = engine.engine.assignUserTask(userTaskKey, 'li.si', {}, { actor: 'li.si' });
      const completion = engine.engine.completeUserTask(userTaskKey, { opinion: '同意' }, 'complete', { actor: 'zhang.san' }, 'zhang.san').catch((error: unknown) => error);
      await takeover;
      const refused = await completion;
      expect(refused).to.be.instanceOf(EngineRejection);
      expect(refused).to.include({ rejectionType: 'FORBIDDEN' });
      expect((refused as Error).message).to.contain(`Insufficient permissions to perform operation 'COMPLETE' on resource 'USER_TASK', required resource identifiers are one of '[*, ${userTaskKey}]'`);
      expect((refused as Error).message).not.to.contain('li.si');
      expect(engine.engine.getUserTask(userTaskKey)).to.include({ assignee: 'li.si', state: 'CREATED' });
      // the new assignee completes it
      await engine.engine.completeUserTask(userTaskKey, {}, 'complete', { actor: 'li.si' }, 'li.si');
      expect(engine.engine.getUserTask(userTaskKey)).to.equal(undefined);
    });
  });

  describe('over REST, a clerk completing while her supervisor takes the task over', () => {
    let bed: RestTestBed;
    before(async () => {
      bed = await startRestTestBed({ auth: 'basic' });
      const admin = { username: 'guan.li', password: 'onego-demo' };
      await bed.sdk(admin).deployResources([
        { name: 'review.bpmn', content: licenceReviewBpmn('enterprise-opening', 'market-regulation') },
        { name: 'licence-review.form', content: formJson('licence-review') },
      ]);
    });
    after(async () => {
      await bed?.close();
    });

    it('never lets the clerk complete a task that is no longer hers, in 12 racing rounds', async () => {
      for (let round = 0; round < 12; round += 1) {
        const created = await bed.call('POST', '/process-instances', { caller: ZHANG_SAN, body: { processDefinitionId: 'enterprise-opening', variables: { caseTitle: `第 ${round} 件`, dueAt: '' } } });
        const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };
        const task = await bed.record((r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.value.processInstanceKey === String(processInstanceKey));
        expect((await bed.call('POST', `/user-tasks/${task.key}/assignment`, { caller: ZHANG_SAN, body: { assignee: 'zhang.san' } })).status).to.equal(204);
        const [takeover, completion] = await Promise.all([
          bed.call('POST', `/user-tasks/${task.key}/assignment`, { caller: LI_SI, body: { assignee: 'li.si' } }),
          bed.call('POST', `/user-tasks/${task.key}/completion`, { caller: ZHANG_SAN, body: { variables: { opinion: '同意' } } }),
        ]);
        const taskRecords = bed.records((r) => r.key === task.key && r.valueType === 'USER_TASK' && r.recordType === 'EVENT');
        const completed = taskRecords.find((r) => r.intent === 'COMPLETED');
        if (completion.status === 204) {
          // the clerk's completion came first: it must have been hers when it was processed
          const lastAssignment = taskRecords.filter((r) => r.intent === 'ASSIGNED' && r.position < completed!.position).at(-1);
          expect(lastAssignment?.value.assignee).to.equal('zhang.san');
          expect(completed?.actor).to.equal('zhang.san');
        } else {
          expect(takeover.status).to.equal(204);
          expect([403, 404]).to.include(completion.status);
          expect(completed).to.equal(undefined);
        }
      }
    });
  });
});
