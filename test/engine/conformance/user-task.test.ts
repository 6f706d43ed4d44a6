import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, userTask, chain } = bpmn;

describe('conformance: user task', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'ut-native',
        start('s'),
        userTask('approve', { assignee: '=clerk', candidateGroups: 'window-staff,supervisors', priority: '70' }),
        end('e'),
        chain('s', 'approve', 'e'),
      ),
      process('ut-job-based', start('s'), userTask('approve', { native: false, assignee: '=clerk', candidateGroups: 'window-staff' }), end('e'), chain('s', 'approve', 'e')),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('a Camunda user task (zeebe:userTask) creates a USER_TASK with its evaluated assignment, creates no job, and completing it through REST merges the variables and continues (Zeebe: user tasks)', async () => {
    // given
    const key = await bed.start('ut-native', { clerk: 'li.si' });
    const created = await bed.waitFor('the user task', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(created.value).to.deep.include({ candidateGroupsList: ['window-staff', 'supervisors'], priority: 70, elementId: 'approve' });
    // as Zeebe 8.6+, the initial assignee follows the creation as its own ASSIGNING/ASSIGNED
    const assigned = await bed.waitFor('the assignment', (r) => r.valueType === 'USER_TASK' && r.intent === 'ASSIGNED' && r.key === created.key);
    expect(assigned.value.assignee).to.equal('li.si');
    expect(bed.records.job().withProcessInstanceKey(key).exists()).to.equal(false);
    // when
    await bed.rest().completeUserTask({ userTaskKey: created.key, variables: { opinion: '同意' } });
    await bed.waitForCompletion(key);
    // then
    expect(bed.records.userTask().withKey(created.key).intents()).to.include.members(['CREATED', 'COMPLETED']);
    expect(bed.variablesOf(key)).to.deep.equal({ clerk: 'li.si', opinion: '同意' });
    expect(bed.elements(key).withElementId('approve').withElementType('USER_TASK').intents()).to.deep.equal([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
  });

  it('a job-based user task creates a job of type io.camunda.zeebe:userTask with the assignment in its headers that a worker completes (Zeebe: job worker user tasks)', async () => {
    // given
    let headers: Record<string, unknown> = {};
    bed.work('io.camunda.zeebe:userTask', (job) => {
      headers = { ...job.customHeaders };
      return job.complete({ decision: 'approved' });
    });
    // when
    const key = await bed.start('ut-job-based', { clerk: 'wang.wu' });
    await bed.waitForCompletion(key);
    // then
    expect(headers['io.camunda.zeebe:assignee']).to.equal('wang.wu');
    expect(bed.variablesOf(key)).to.deep.include({ decision: 'approved' });
    expect(bed.records.userTask().withProcessInstanceKey(key).exists()).to.equal(false);
  });

  it('canceling the instance cancels its open user task (Zeebe: user tasks)', async () => {
    // given
    const key = await bed.start('ut-native', { clerk: 'zhao.liu' });
    const created = await bed.waitFor('the user task', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.sdk.cancelProcessInstance(key);
    await bed.waitForTermination(key);
    // then
    expect(bed.records.userTask().withKey(created.key).intents()).to.include('CANCELED');
    expect(bed.elements(key).withElementId('approve').intents()).to.include('ELEMENT_TERMINATED');
  });

  it('a multi-instance Camunda user task creates one task per item, each assigned from its item (Zeebe: multi-instance user tasks)', async () => {
    // given
    await bed.deploy(
      process(
        'ut-per-reviewer',
        start('s'),
        '<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition assignee="=reviewer"/></bpmn:extensionElements>' +
          '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=reviewers" inputElement="reviewer"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>',
        end('e'),
        chain('s', 'review', 'e'),
      ),
    );
    const key = await bed.start('ut-per-reviewer', { reviewers: ['chen', 'lin'] });
    const assignments = [];
    for (const who of ['chen', 'lin']) {
      assignments.push(await bed.waitFor(`${who}'s task`, (r) => r.valueType === 'USER_TASK' && r.intent === 'ASSIGNED' && r.value.processInstanceKey === key && r.value.assignee === who));
    }
    // when both complete through REST
    for (const assigned of assignments) await bed.rest().completeUserTask({ userTaskKey: assigned.key, variables: {} });
    // then
    await bed.waitForCompletion(key);
    expect(bed.records.userTask().withProcessInstanceKey(key).withIntent('COMPLETED').count()).to.equal(2);
  });
});
