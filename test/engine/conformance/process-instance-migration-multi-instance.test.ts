import { expect } from 'chai';
import { bpmn } from '../../support';
import { migrationSteps, startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, userTask, subProcess, callActivity, chain, boundary, timerDuration } = bpmn;

/** Active multi-instance activities under MigrateProcessInstance (Zeebe 8.6+: camunda/camunda #22129, #22184). */
describe('conformance: process instance migration of multi-instance activities', () => {
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
  const migratedElements = (key: string) =>
    bed.records
      .processInstance()
      .withProcessInstanceKey(key)
      .withIntent('ELEMENT_MIGRATED')
      .asList()
      .map((r) => `${String(r.value.elementId)}:${String(r.value.bpmnElementType)}`);

  it('migrates a parallel multi-instance user task with one review done and two open: body, inner instances and user tasks move with one mapping, and the reviews complete on the target flow (Zeebe #22129: migrate parallel multi-instance element instances)', async () => {
    // given three departments reviewing in parallel, one of them done
    const reviews = { inputCollection: '=departments', inputElement: 'department', outputCollection: 'verdicts', outputElement: '=verdict' };
    await deploy(process('mig-mi-par', start('s'), userTask('review', { multiInstance: reviews }), end('e'), chain('s', 'review', 'e')), 'mig-mi-par.bpmn');
    const key = await bed.start('mig-mi-par', { departments: ['住建', '消防', '环保'] });
    await bed.waitFor('three user tasks', () => bed.records.userTask().withIntent('CREATED').withProcessInstanceKey(key).count() === 3);
    const tasks = bed.records.userTask().withIntent('CREATED').withProcessInstanceKey(key).asList();
    await bed.rest().completeUserTask({ userTaskKey: tasks[0].key, variables: { verdict: '同意' } });
    await bed.waitFor('the first review to complete', (r) => r.valueType === 'USER_TASK' && r.intent === 'COMPLETED' && r.key === tasks[0].key);
    // and a target whose reviews are followed by an archive step
    const target = await deploy(
      process('mig-mi-par2', start('s'), userTask('dept-review', { multiInstance: reviews }), serviceTask('archive', 'mig-mi-archive'), end('e'), chain('s', 'dept-review', 'archive', 'e')),
      'mig-mi-par2.bpmn',
    );
    // when
    await migrate(key, target, [['review', 'dept-review']]);
    // then the body keeps its type, the two open inner instances and their user tasks point at the target
    expect(migratedElements(key)).to.deep.equal(['mig-mi-par2:PROCESS', 'dept-review:MULTI_INSTANCE_BODY', 'dept-review:USER_TASK', 'dept-review:USER_TASK']);
    const migratedTasks = bed.records.userTask().withProcessInstanceKey(key).withIntent('MIGRATED').asList();
    expect(migratedTasks.map((r) => r.key)).to.have.members([tasks[1].key, tasks[2].key]);
    for (const task of migratedTasks) expect(task.value).to.include({ elementId: 'dept-review', processDefinitionKey: target, bpmnProcessId: 'mig-mi-par2' });
    // and the local variables of the inner instances (department, loopCounter) are re-pointed too
    const migratedVariables = bed.records.variable().withProcessInstanceKey(key).withIntent('MIGRATED').asList().map((r) => r.value.name);
    expect(migratedVariables.filter((name) => name === 'department')).to.have.length(2);
    // and the remaining reviews complete the body on the target, in item order, and the archive step follows
    bed.work('mig-mi-archive', (j) => j.complete());
    await bed.rest().completeUserTask({ userTaskKey: tasks[2].key, variables: { verdict: '补正' } });
    await bed.rest().completeUserTask({ userTaskKey: tasks[1].key, variables: { verdict: '同意' } });
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include.members(['dept-review:ELEMENT_COMPLETED', 'archive:ELEMENT_COMPLETED']);
    expect(bed.variablesOf(key).verdicts).to.deep.equal(['同意', '同意', '补正']);
  });

  it('migrates a sequential multi-instance service task with one item done, one active and one to come: the active job keeps its type, the coming iteration is created from the target with its new job type (Zeebe #22184: migrate sequential multi-instance element instances)', async () => {
    // given three steps one after another, the first done and the second waiting for its job
    const steps = { sequential: true, inputCollection: '=steps', inputElement: 'step' };
    await deploy(process('mig-mi-seq', start('s'), serviceTask('check', 'mig-seq-v1', { multiInstance: steps }), end('e'), chain('s', 'check', 'e')), 'mig-mi-seq.bpmn');
    const key = await bed.start('mig-mi-seq', { steps: ['材料', '现场', '归档'] });
    const [first] = await bed.sdk.activateJobs({ type: 'mig-seq-v1', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    expect(first.variables).to.include({ step: '材料', loopCounter: 1 });
    await bed.sdk.completeJob({ jobKey: first.key, variables: {} });
    const second = await bed.waitFor('the second job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.key !== first.key);
    // and a target that checks with another job type
    const target = await deploy(
      process('mig-mi-seq2', start('s'), serviceTask('inspect', 'mig-seq-v2', { multiInstance: steps }), end('e'), chain('s', 'inspect', 'e')),
      'mig-mi-seq2.bpmn',
    );
    // when
    await migrate(key, target, [['check', 'inspect']]);
    // then the body and the active inner instance migrate, and its job keeps its type (Zeebe never changes a job's type on migration)
    expect(migratedElements(key)).to.deep.equal(['mig-mi-seq2:PROCESS', 'inspect:MULTI_INSTANCE_BODY', 'inspect:SERVICE_TASK']);
    const migratedJob = bed.records.job().withKey(second.key).withIntent('MIGRATED').first();
    expect(migratedJob.value).to.include({ type: 'mig-seq-v1', elementId: 'inspect', processDefinitionKey: target });
    // and completing it, the third iteration comes from the target: element 'inspect', job type 'mig-seq-v2'
    const [active] = await bed.sdk.activateJobs({ type: 'mig-seq-v1', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    expect(active.key).to.equal(second.key);
    expect(active.variables).to.include({ step: '现场', loopCounter: 2 });
    await bed.sdk.completeJob({ jobKey: active.key, variables: {} });
    const third = await bed.waitFor('the third job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.type === 'mig-seq-v2');
    expect(third.value).to.include({ elementId: 'inspect', processDefinitionKey: target, bpmnProcessId: 'mig-mi-seq2' });
    const [last] = await bed.sdk.activateJobs({ type: 'mig-seq-v2', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    expect(last.variables).to.include({ step: '归档', loopCounter: 3 });
    await bed.sdk.completeJob({ jobKey: last.key, variables: {} });
    await bed.waitForCompletion(key);
    expect(bed.elements(key).withElementId('inspect').withIntent('ELEMENT_COMPLETED').count()).to.equal(3);
  });

  it('migrates a parallel multi-instance embedded subprocess: its inner instances move with the subprocess mapping, the task inside each needs its own mapping (Zeebe #22129: multi-instance embedded subprocess)', async () => {
    // given a subprocess per department, each waiting at its inner task
    const perDepartment = { inputCollection: '=departments', inputElement: 'department' };
    await deploy(
      process('mig-mi-sub', start('s'), subProcess('stage', [start('ss'), serviceTask('assess', 'mig-sub-assess'), end('se'), chain('ss', 'assess', 'se')], { multiInstance: perDepartment }), end('e'), chain('s', 'stage', 'e')),
      'mig-mi-sub.bpmn',
    );
    const key = await bed.start('mig-mi-sub', { departments: ['住建', '消防'] });
    await bed.waitFor('both assess jobs', () => bed.records.job().withProcessInstanceKey(key).withIntent('CREATED').count() === 2);
    const jobs = bed.records.job().withProcessInstanceKey(key).withIntent('CREATED').asList();
    // and a target whose subprocess confirms after assessing
    const target = await deploy(
      process(
        'mig-mi-sub2',
        start('s'),
        subProcess('dept-stage', [start('ss'), serviceTask('dept-assess', 'mig-sub-assess'), serviceTask('confirm', 'mig-sub-confirm'), end('se'), chain('ss', 'dept-assess', 'confirm', 'se')], {
          multiInstance: perDepartment,
        }),
        end('e'),
        chain('s', 'dept-stage', 'e'),
      ),
      'mig-mi-sub2.bpmn',
    );
    // when the inner task is not mapped, the migration is refused like for any active element
    const unmapped = await refusal(migrate(key, target, [['stage', 'dept-stage']]));
    expect(unmapped?.code).to.equal(9);
    expect(unmapped?.details).to.contain(`no mapping instruction defined for active element with id 'assess'`);
    // when both are mapped
    await migrate(key, target, [
      ['stage', 'dept-stage'],
      ['assess', 'dept-assess'],
    ]);
    // then the body, both subprocess instances and both tasks migrate, with their jobs
    expect(migratedElements(key)).to.deep.equal([
      'mig-mi-sub2:PROCESS',
      'dept-stage:MULTI_INSTANCE_BODY',
      'dept-stage:SUB_PROCESS',
      'dept-assess:SERVICE_TASK',
      'dept-stage:SUB_PROCESS',
      'dept-assess:SERVICE_TASK',
    ]);
    const migratedJobs = bed.records.job().withProcessInstanceKey(key).withIntent('MIGRATED').asList();
    expect(migratedJobs.map((r) => r.key)).to.have.members(jobs.map((r) => r.key));
    // and each department goes on with the target's confirm step
    const confirmed: unknown[] = [];
    bed.work('mig-sub-assess', (j) => j.complete());
    bed.work('mig-sub-confirm', (j) => {
      confirmed.push(j.variables.department);
      return j.complete();
    });
    await bed.waitForCompletion(key);
    expect(confirmed).to.have.members(['住建', '消防']);
    expect(bed.elements(key).withElementId('dept-stage').withIntent('ELEMENT_COMPLETED').count()).to.equal(3);
  });

  it('migrates a job-based multi-instance user task whose body carries a boundary timer: the body holds the timer, the inner instances their jobs (Zeebe: the multi-instance body subscribes to boundary events)', async () => {
    // given two job-based reviews in parallel, guarded by a deadline on the multi-instance activity
    const reviews = { inputCollection: '=reviewers', inputElement: 'reviewer' };
    await deploy(
      process('mig-mi-timer', start('s'), userTask('review', { native: false, multiInstance: reviews }), boundary('deadline', 'review', timerDuration('PT1H')), end('late'), end('e'), chain('s', 'review', 'e'), chain('deadline', 'late')),
      'mig-mi-timer.bpmn',
    );
    const key = await bed.start('mig-mi-timer', { reviewers: ['张三', '李四'] });
    const timer = await bed.waitFor('the deadline timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    await bed.waitFor('both review jobs', () => bed.records.job().withProcessInstanceKey(key).withIntent('CREATED').count() === 2);
    const target = await deploy(
      process('mig-mi-timer2', start('s'), userTask('review', { native: false, multiInstance: reviews }), boundary('deadline2', 'review', timerDuration('PT2H')), end('late'), end('e'), chain('s', 'review', 'e'), chain('deadline2', 'late')),
      'mig-mi-timer2.bpmn',
    );
    // when
    await migrate(key, target, [
      ['review', 'review'],
      ['deadline', 'deadline2'],
    ]);
    // then the timer of the body is migrated (same key and due date), and no inner instance opens one of its own
    const migratedTimer = bed.records.timer().withKey(timer.key).withIntent('MIGRATED').first();
    expect(migratedTimer.value).to.include({ targetElementId: 'deadline2', processDefinitionKey: target, dueDate: timer.value.dueDate });
    expect(bed.records.timer().withProcessInstanceKey(key).withIntent('CREATED').count()).to.equal(1);
    expect(bed.records.job().withProcessInstanceKey(key).withIntent('MIGRATED').count()).to.equal(2);
    // and the deadline fires on the target's flow, terminating both reviews
    await bed.advanceClock(60 * 60 * 1000 + 1000);
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include.members(['deadline2:ELEMENT_COMPLETED', 'late:ELEMENT_COMPLETED']);
    expect(bed.elements(key).withElementId('review').withIntent('ELEMENT_TERMINATED').count()).to.equal(3);
  });

  it('migrates a parallel multi-instance call activity: the body and the inner call activities move, the called instances stay on their process and return to the target flow (Zeebe #22129: multi-instance call activities)', async () => {
    // given two called instances, one per item, each waiting at its job
    await deploy(process('mig-mi-callee', start('s'), serviceTask('work', 'mig-mi-callee'), end('e'), chain('s', 'work', 'e')), 'mig-mi-callee.bpmn');
    const perItem = { inputCollection: '=[1,2]', inputElement: 'index' };
    await deploy(process('mig-mi-caller', start('s'), callActivity('call', 'mig-mi-callee', { multiInstance: perItem }), end('e'), chain('s', 'call', 'e')), 'mig-mi-caller.bpmn');
    const caller = await bed.start('mig-mi-caller');
    await bed.waitFor('two called jobs', () => bed.records.job().withIntent('CREATED').asList().filter((r) => r.value.type === 'mig-mi-callee').length === 2);
    const target = await deploy(
      process('mig-mi-caller2', start('s'), callActivity('call-each', 'mig-mi-callee', { multiInstance: perItem }), serviceTask('after', 'mig-mi-after'), end('e'), chain('s', 'call-each', 'after', 'e')),
      'mig-mi-caller2.bpmn',
    );
    // when
    await migrate(caller, target, [['call', 'call-each']]);
    // then the caller's body and inner call activities migrate; the called instances are not part of the migration
    expect(migratedElements(caller)).to.deep.equal(['mig-mi-caller2:PROCESS', 'call-each:MULTI_INSTANCE_BODY', 'call-each:CALL_ACTIVITY', 'call-each:CALL_ACTIVITY']);
    expect(bed.records.processInstance().withIntent('ELEMENT_MIGRATED').withElementId('mig-mi-callee').exists()).to.equal(false);
    // and when the called instances complete, the caller goes on with the target's flow
    bed.work('mig-mi-callee', (j) => j.complete());
    bed.work('mig-mi-after', (j) => j.complete());
    await bed.waitForCompletion(caller);
    expect(bed.elements(caller).withElementId('call-each').withIntent('ELEMENT_COMPLETED').count()).to.equal(3);
    expect(bed.trail(caller)).to.include('after:ELEMENT_COMPLETED');
  });

  describe('refusals of multi-instance mappings (Zeebe: MigrateProcessInstanceRejectionTest)', () => {
    let key: string;
    let plain: string;
    before(async () => {
      await deploy(
        process('mig-mi-refused', start('s'), serviceTask('fanout', 'mig-mi-refused', { multiInstance: { inputCollection: '=[1,2,3]', inputElement: 'index' } }), end('e'), chain('s', 'fanout', 'e')),
        'mig-mi-refused.bpmn',
      );
      key = await bed.start('mig-mi-refused');
      await bed.waitFor('three jobs', () => bed.records.job().withProcessInstanceKey(key).withIntent('CREATED').count() === 3);
      plain = await deploy(
        process(
          'mig-mi-refused2',
          start('s'),
          serviceTask('single', 'mig-mi-refused'),
          serviceTask('sequential', 'mig-mi-refused', { multiInstance: { sequential: true, inputCollection: '=[1,2,3]', inputElement: 'index' } }),
          userTask('reviews', { multiInstance: { inputCollection: '=[1,2,3]', inputElement: 'index' } }),
          end('e'),
          chain('s', 'single', 'sequential', 'reviews', 'e'),
        ),
        'mig-mi-refused2.bpmn',
      );
    });

    it('refuses changing parallel to sequential (Zeebe: shouldRejectMigrationThatChangesParallelMultiInstanceToSequential)', async () => {
      const error = await refusal(migrate(key, plain, [['fanout', 'sequential']]));
      expect(error?.code).to.equal(9);
      expect(error?.details).to.contain(
        `Expected to migrate process instance '${key}' but active element with id 'fanout' has a different loop characteristics than the target element with id 'sequential'. Both elements must have either sequential or parallel loop characteristics.`,
      );
    });

    it('refuses mapping a multi-instance activity to a plain one (Zeebe: shouldRejectCommandWhenMultiInstanceElementIsMigratedToNonMultiInstanceElement)', async () => {
      const error = await refusal(migrate(key, plain, [['fanout', 'single']]));
      expect(error?.code).to.equal(9);
      expect(error?.details).to.contain(
        `active element with id 'fanout' and type 'MULTI_INSTANCE_BODY' is mapped to an element with id 'single' and different type 'SERVICE_TASK'. Elements must be mapped to elements of the same type.`,
      );
    });

    it('refuses mapping a multi-instance service task to a multi-instance user task (Zeebe: shouldRejectCommandWhenMultiInstanceElementMappedToADifferentBpmnElementType)', async () => {
      const error = await refusal(migrate(key, plain, [['fanout', 'reviews']]));
      expect(error?.code).to.equal(9);
      expect(error?.details).to.contain(`active element with id 'fanout' and type 'SERVICE_TASK' is mapped to an element with id 'reviews' and different type 'USER_TASK'.`);
    });

    it('refuses mapping a plain activity to a multi-instance one (Zeebe: shouldRejectCommandWhenNonMultiInstanceElementIsMigratedToMultiInstanceElement)', async () => {
      await deploy(process('mig-mi-single', start('s'), serviceTask('single', 'mig-mi-single'), end('e'), chain('s', 'single', 'e')), 'mig-mi-single.bpmn');
      const single = await bed.start('mig-mi-single');
      await bed.waitForElement(single, 'single', 'ELEMENT_ACTIVATED');
      const error = await refusal(migrate(single, plain, [['single', 'sequential']]));
      expect(error?.code).to.equal(9);
      expect(error?.details).to.contain(`active element with id 'single' and type 'SERVICE_TASK' is mapped to an element with id 'sequential' and different type 'MULTI_INSTANCE_BODY'.`);
    });

    it('leaves the refused instance on its old version, where it still completes', async () => {
      expect(bed.records.processInstance().withProcessInstanceKey(key).withIntent('ELEMENT_MIGRATED').exists()).to.equal(false);
      bed.work('mig-mi-refused', (j) => j.complete());
      await bed.waitForCompletion(key);
      expect(bed.elements(key).withElementId('fanout').withIntent('ELEMENT_COMPLETED').count()).to.equal(4);
    });
  });
});
