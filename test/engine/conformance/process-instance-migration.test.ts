import { expect } from 'chai';
import { bpmn } from '../../support';
import { migrationSteps, startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, userTask, subProcess, chain, boundary, timerDuration } = bpmn;

describe('conformance: process instance migration (MigrateProcessInstance)', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
  });
  after(async () => {
    await bed?.close();
  });

  const deploy = (model: string, name: string) => migrationSteps(bed).deploy(model, name);
  const migrate = (processInstanceKey: string, target: string, mappings: [string, string][]) => migrationSteps(bed).migrate(processInstanceKey, target, mappings);
  const refusal = (call: Promise<unknown>) => migrationSteps(bed).refusal(call);

  it('moves an instance waiting at a service task to the next version: the job keeps its key and type, and the instance follows the new flow (Zeebe: migrating active elements)', async () => {
    // given an instance of v1 waiting at "review"
    await deploy(process('mig-basic', start('s'), serviceTask('review', 'mig-review'), end('e'), chain('s', 'review', 'e')), 'mig-basic.bpmn');
    const key = await bed.start('mig-basic', { applicant: '张三' });
    const job = await bed.waitFor('the review job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // and v2, which adds an archive step after the review
    const v2 = await deploy(
      process('mig-basic', start('s'), serviceTask('review', 'mig-review'), serviceTask('archive', 'mig-archive'), end('e'), chain('s', 'review', 'archive', 'e')),
      'mig-basic.bpmn',
    );
    // when
    await migrate(key, v2, [['review', 'review']]);
    // then the element instances and the job now belong to v2
    const migrated = bed.records.processInstance().withProcessInstanceKey(key).withIntent('ELEMENT_MIGRATED').asList();
    expect(migrated.map((r) => [r.value.elementId, r.value.processDefinitionKey, r.value.version])).to.deep.equal([
      ['mig-basic', v2, 2],
      ['review', v2, 2],
    ]);
    const jobMigrated = bed.records.job().withKey(job.key).withIntent('MIGRATED').first();
    expect(jobMigrated.value).to.include({ type: 'mig-review', processDefinitionKey: v2, processDefinitionVersion: 2, elementId: 'review' });
    const done = await bed.waitFor('the migration', (r) => r.valueType === 'PROCESS_INSTANCE_MIGRATION' && r.intent === 'MIGRATED' && r.key === key);
    expect(done.value).to.deep.include({ targetProcessDefinitionKey: v2, mappingInstructions: [{ sourceElementId: 'review', targetElementId: 'review' }] });
    // and completing the same job continues on v2's flow
    bed.work('mig-review', (j) => j.complete());
    bed.work('mig-archive', (j) => j.complete({ archived: true }));
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include('archive:ELEMENT_COMPLETED');
    expect(bed.variablesOf(key)).to.deep.equal({ applicant: '张三', archived: true });
  });

  it('maps an element to one with another id in another process, inside a mapped subprocess, and keeps the user task and its assignee (Zeebe: mapping instructions)', async () => {
    // given an instance waiting at a Camunda user task inside a subprocess
    await deploy(
      process('mig-source', start('s'), subProcess('stage', [start('ss'), userTask('check', { assignee: 'li.si' }), end('se'), chain('ss', 'check', 'se')]), end('e'), chain('s', 'stage', 'e')),
      'mig-source.bpmn',
    );
    const key = await bed.start('mig-source');
    const task = await bed.waitFor('the user task', (r) => r.valueType === 'USER_TASK' && r.intent === 'ASSIGNED' && r.value.processInstanceKey === key);
    const target = await deploy(
      process(
        'mig-target',
        start('s'),
        subProcess('approval-stage', [start('ss'), userTask('verify', {}), serviceTask('notify', 'mig-notify'), end('se'), chain('ss', 'verify', 'notify', 'se')]),
        end('e'),
        chain('s', 'approval-stage', 'e'),
      ),
      'mig-target.bpmn',
    );
    // when
    await migrate(key, target, [
      ['stage', 'approval-stage'],
      ['check', 'verify'],
    ]);
    // then the user task is the same task, still assigned, at the new element of the new process
    const migratedTask = bed.records.userTask().withKey(task.key).withIntent('MIGRATED').first();
    expect(migratedTask.value).to.include({ elementId: 'verify', bpmnProcessId: 'mig-target', processDefinitionKey: target, assignee: 'li.si' });
    // and completing it continues in the target's subprocess
    bed.work('mig-notify', (j) => j.complete());
    await bed.rest().completeUserTask({ userTaskKey: task.key });
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include.members(['verify:ELEMENT_COMPLETED', 'notify:ELEMENT_COMPLETED', 'approval-stage:ELEMENT_COMPLETED']);
  });

  it('re-points each variable of a migrated scope at the target definition with VARIABLE MIGRATED, value unset, and keeps its value (Zeebe: variables are migrated)', async () => {
    // given an instance with a process variable and a local variable of the waiting task
    await deploy(
      process('mig-vars', start('s'), serviceTask('assess', 'mig-assess', { inputs: { reviewer: '=applicant' } }), end('e'), chain('s', 'assess', 'e')),
      'mig-vars.bpmn',
    );
    const key = await bed.start('mig-vars', { applicant: '王五' });
    const job = await bed.waitFor('the assess job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    const v2 = await deploy(
      process('mig-vars', start('s'), serviceTask('assess', 'mig-assess', { inputs: { reviewer: '=applicant' } }), end('e2'), chain('s', 'assess', 'e2')),
      'mig-vars.bpmn',
    );
    // when
    await migrate(key, v2, [['assess', 'assess']]);
    // then one MIGRATED event per variable, keyed as the variable, pointing at v2, with the value left out
    const created = bed.records.variable().withProcessInstanceKey(key).withIntent('CREATED').asList();
    const migrated = bed.records.variable().withProcessInstanceKey(key).withIntent('MIGRATED').asList();
    expect(migrated.map((r) => [r.key, r.value.name, r.value.scopeKey, r.value.processDefinitionKey, r.value.value])).to.have.deep.members(
      created.map((r) => [r.key, r.value.name, r.value.scopeKey, v2, 'null']),
    );
    expect(migrated.map((r) => r.value.name)).to.have.members(['applicant', 'reviewer']);
    // and the values are still there for the job and the instance
    const [activated] = await bed.sdk.activateJobs({ type: 'mig-assess', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    expect(activated.key).to.equal(job.key);
    expect(activated.variables).to.include({ applicant: '王五', reviewer: '王五' });
    await bed.sdk.completeJob({ jobKey: job.key, variables: {} });
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include('e2:ELEMENT_COMPLETED');
  });

  it('keeps an open incident on the migrated element, and resolving it continues on the new version (Zeebe: incidents are migrated)', async () => {
    // given a job that failed without retries: an incident
    await deploy(process('mig-incident', start('s'), serviceTask('pay', 'mig-pay'), end('e'), chain('s', 'pay', 'e')), 'mig-incident.bpmn');
    const key = await bed.start('mig-incident');
    const [job] = await bed.sdk.activateJobs({ type: 'mig-pay', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    await bed.sdk.failJob({ jobKey: job.key, retries: 0, errorMessage: 'bank unreachable', retryBackOff: 0 });
    const incident = await bed.waitForIncident(key);
    const v2 = await deploy(process('mig-incident', start('s'), serviceTask('pay', 'mig-pay'), serviceTask('receipt', 'mig-receipt'), end('e'), chain('s', 'pay', 'receipt', 'e')), 'mig-incident.bpmn');
    // when
    await migrate(key, v2, [['pay', 'pay']]);
    // then
    const migratedIncident = bed.records.incident().withKey(incident.key).withIntent('MIGRATED').first();
    expect(migratedIncident.value).to.include({ processDefinitionKey: v2, elementId: 'pay', errorMessage: 'bank unreachable' });
    await bed.sdk.updateJobRetries({ jobKey: job.key, retries: 1 });
    await bed.sdk.resolveIncident({ incidentKey: incident.key });
    bed.work('mig-pay', (j) => j.complete());
    bed.work('mig-receipt', (j) => j.complete());
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include('receipt:ELEMENT_COMPLETED');
  });

  describe('refusals: nothing changes when the plan does not fit (Zeebe: migration preconditions)', () => {
    let key: string;
    let v2: string;
    before(async () => {
      await deploy(process('mig-refused', start('s'), serviceTask('a', 'mig-a'), end('e'), chain('s', 'a', 'e')), 'mig-refused.bpmn');
      key = await bed.start('mig-refused');
      await bed.waitForElement(key, 'a', 'ELEMENT_ACTIVATED');
      v2 = await deploy(
        process(
          'mig-refused',
          start('s'),
          userTask('a', {}),
          subProcess('sub', [start('ss'), serviceTask('inner', 'mig-a'), end('se'), chain('ss', 'inner', 'se')]),
          serviceTask('guarded', 'mig-a'),
          boundary('deadline', 'guarded', timerDuration('PT1H')),
          end('e'),
          chain('s', 'a', 'sub', 'guarded', 'e'),
        ),
        'mig-refused.bpmn',
      );
    });

    it('refuses an active element without a mapping (FAILED_PRECONDITION)', async () => {
      const error = await refusal(migrate(key, v2, []));
      expect(error?.code).to.equal(9);
      expect(error?.details).to.contain(`Expected to migrate process instance '${key}' but no mapping instruction defined for active element with id 'a'. Elements cannot be migrated without a mapping.`);
    });

    it('refuses mapping an element to one of another type (FAILED_PRECONDITION)', async () => {
      const error = await refusal(migrate(key, v2, [['a', 'a']]));
      expect(error?.code).to.equal(9);
      expect(error?.details).to.contain(`active element with id 'a' and type 'SERVICE_TASK' is mapped to an element with id 'a' and different type 'USER_TASK'`);
    });

    it('refuses moving an element into another flow scope (FAILED_PRECONDITION)', async () => {
      const error = await refusal(migrate(key, v2, [['a', 'inner']]));
      expect(error?.code).to.equal(9);
      expect(error?.details).to.contain(`the flow scope of active element with id 'a' is changed. The flow scope of the active element is expected to be 'mig-refused' but was 'sub'`);
    });

    it('refuses mapping instructions naming elements that do not exist (INVALID_ARGUMENT)', async () => {
      const unknownSource = await refusal(migrate(key, v2, [['nope', 'a']]));
      expect(unknownSource?.code).to.equal(3);
      expect(unknownSource?.details).to.contain(`mapping instructions contain a non-existing source element id 'nope'`);
      const unknownTarget = await refusal(migrate(key, v2, [['a', 'nope']]));
      expect(unknownTarget?.details).to.contain(`mapping instructions contain a non-existing target element id 'nope'`);
    });

    it('refuses an unknown process instance or target definition (NOT_FOUND)', async () => {
      const unknownInstance = await refusal(migrate('2251799813999999', v2, []));
      expect(unknownInstance?.code).to.equal(5);
      expect(unknownInstance?.details).to.contain(`no process instance found with key '2251799813999999'`);
      const unknownTarget = await refusal(migrate(key, '2251799813999998', [['a', 'a']]));
      expect(unknownTarget?.code).to.equal(5);
      expect(unknownTarget?.details).to.contain(`no process definition found with key '2251799813999998'`);
    });

    it('leaves the refused instance on its old version, where it still completes', async () => {
      expect(bed.records.processInstance().withProcessInstanceKey(key).withIntent('ELEMENT_MIGRATED').exists()).to.equal(false);
      bed.work('mig-a', (j) => j.complete());
      await bed.waitForCompletion(key);
      expect(bed.trail(key)).to.not.include('sub:ELEMENT_ACTIVATED');
    });
  });
});
