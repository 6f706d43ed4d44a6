import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const { process, start, end, userTask, chain } = bpmn;

const FORM = JSON.stringify({ id: 'review-form', type: 'default', components: [{ key: 'approved', type: 'checkbox', label: '同意' }] });

describe('user tasks', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('creates a Camunda user task with FEEL assignee, static candidate groups, priority and due date, then completes it', async () => {
    const xml = process(
      'p', start('s'),
      userTask('review', { assignee: '=clerk', candidateGroups: '市场监管局, 税务局', priority: '80', dueDate: '=due', formId: 'review-form' }),
      end('e'), chain('s', 'review', 'e'),
    );
    const deployed = await engine.deployment().withXml(xml).withResource('review.form', FORM).deploy();
    const formKey = deployed.deployments.flatMap((d) => ('form' in d ? [d.form.formKey] : []))[0];
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ clerk: 'li', due: '2026-12-01T09:00:00Z' }).create();
    const task = engine.userTask().only('review');
    expect(task).to.include({ assignee: 'li', priority: 80, dueDate: '2026-12-01T09:00:00Z', formKey, processInstanceKey: key });
    expect(task.candidateGroups).to.deep.equal(['市场监管局', '税务局']);
    expect(engine.records().userTask().withKey(task.userTaskKey).intents()).to.deep.equal(['CREATING', 'CREATED', 'ASSIGNING', 'ASSIGNED']);
    await engine.userTask().complete(task.userTaskKey, { approved: true });
    expect(engine.isCompleted(key)).to.equal(true);
    expect(engine.records().userTask().withIntent('COMPLETED').exists()).to.equal(true);
    expect(engine.records().variable().withName('approved').first().value.scopeKey).to.equal(key);
  });

  it('reassigns, unassigns and updates a user task, recording each change', async () => {
    await engine.deployment().withXml(process('p', start('s'), userTask('review'), end('e'), chain('s', 'review', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    const { userTaskKey } = engine.userTask().only('review');
    await engine.userTask().assign(userTaskKey, 'wang');
    expect(engine.engine.getUserTask(userTaskKey)?.assignee).to.equal('wang');
    await engine.engine.updateUserTask(userTaskKey, { candidateGroups: ['医保局'], priority: 10 });
    expect(engine.engine.getUserTask(userTaskKey)).to.include({ priority: 10 });
    expect(engine.engine.getUserTask(userTaskKey)?.candidateGroups).to.deep.equal(['医保局']);
    await engine.engine.unassignUserTask(userTaskKey);
    expect(engine.engine.getUserTask(userTaskKey)?.assignee).to.equal('');
    expect(engine.records().userTask().withKey(userTaskKey).withIntent('ASSIGNED').count()).to.equal(2);
    expect(engine.records().userTask().withIntent('UPDATED').first().value.changedAttributes).to.deep.equal(['candidateGroupsList', 'priority']);
  });

  it('refuses to claim a task someone else holds, and to complete a task that does not exist', async () => {
    await engine.deployment().withXml(process('p', start('s'), userTask('review', { assignee: 'li' }), end('e'), chain('s', 'review', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    const { userTaskKey } = engine.userTask().only('review');
    const claim = await engine.engine.assignUserTask(userTaskKey, 'wang', { allowOverride: false }).catch((e) => e);
    expect(claim.rejectionType).to.equal('INVALID_STATE');
    const missing = await engine.engine.completeUserTask('2251799813685999').catch((e) => e);
    expect(missing.rejectionType).to.equal('NOT_FOUND');
  });

  it('cancels the user task when the instance is canceled', async () => {
    await engine.deployment().withXml(process('p', start('s'), userTask('review'), end('e'), chain('s', 'review', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.processInstance().cancel(key);
    expect(engine.records().userTask().withIntent('CANCELED').exists()).to.equal(true);
    expect(engine.userTask().list()).to.have.length(0);
  });

  it('runs a job-based user task (no zeebe:userTask) as a job of type io.camunda.zeebe:userTask with assignment headers, candidates as a JSON list as Zeebe writes them', async () => {
    await engine.deployment().withXml(process('p', start('s'), userTask('review', { native: false, assignee: 'li', candidateGroups: 'a,b' }), end('e'), chain('s', 'review', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    const job = await engine.job().ofType('io.camunda.zeebe:userTask').complete({ done: true });
    expect(job.customHeaders).to.include({ 'io.camunda.zeebe:assignee': 'li', 'io.camunda.zeebe:candidateGroups': '["a","b"]' });
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('writes the evaluated candidate groups of a job-based user task as a JSON list, from a FEEL list or a comma-separated string', async () => {
    await engine
      .deployment()
      .withXml(process('p', start('s'), userTask('review', { native: false, candidateGroups: '=groups', candidateUsers: '=users' }), end('e'), chain('s', 'review', 'e')))
      .deploy();
    await engine.processInstance().ofBpmnProcessId('p').withVariables({ groups: ['tax', 'market-regulation'], users: 'li, wang' }).create();
    const job = await engine.job().ofType('io.camunda.zeebe:userTask').complete({});
    expect(job.customHeaders).to.include({
      'io.camunda.zeebe:candidateGroups': '["tax","market-regulation"]',
      'io.camunda.zeebe:candidateUsers': '["li","wang"]',
    });
  });

  it('raises FORM_NOT_FOUND when the linked form was never deployed', async () => {
    await engine.deployment().withXml(process('p', start('s'), userTask('review', { formId: 'missing' }), end('e'), chain('s', 'review', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.incident().open(key)[0].value.errorType).to.equal('FORM_NOT_FOUND');
  });
});
