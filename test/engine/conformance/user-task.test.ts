import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, userTask, chain } = bpmn;

/** A form `bind-form` carrying `versionTag` in its JSON, as Camunda Modeler writes it. */
function taggedForm(tag: string): string {
  return JSON.stringify({ id: 'bind-form', versionTag: tag, type: 'default', schemaVersion: 16, components: [{ type: 'textfield', key: 'note', label: tag }] });
}

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

  describe('binding types: which version of the linked form a task gets (Zeebe 8.6+: zeebe:formDefinition bindingType)', () => {
    const task = (id: string, options: { formBindingType?: string; formVersionTag?: string }, formId = 'bind-form') =>
      process(id, start('s'), userTask('fill', { formId, ...options }), end('e'), chain('s', 'fill', 'e'));
    const deploy = (resources: [string, string][]) =>
      bed.sdk.deployResources(resources.map(([name, content]) => ({ name, process: Buffer.from(content) })) as never) as Promise<{ key: string }>;
    /** The FORM CREATED version whose key the task of an instance of `bpmnProcessId` links, by its version tag. */
    const linkedVersion = async (bpmnProcessId: string) => {
      const key = await bed.start(bpmnProcessId);
      const created = await bed.waitFor('the user task', (r) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
      return bed.records.ofValueType('FORM').withIntent('CREATED').withKey(String(created.value.formKey)).first().value.versionTag;
    };
    const incidentOf = async (bpmnProcessId: string) => (await bed.waitForIncident(await bed.start(bpmnProcessId))).value;
    let firstDeploymentKey: string;

    before(async () => {
      // v1 of the form is deployed together with the processes; v2 comes later on its own
      firstDeploymentKey = (
        await deploy([
          ['bind-form.form', taggedForm('v1')],
          ['ut-bind-deployment.bpmn', task('ut-bind-deployment', { formBindingType: 'deployment' })],
          ['ut-bind-tag.bpmn', task('ut-bind-tag', { formBindingType: 'versionTag', formVersionTag: 'v1' })],
          ['ut-bind-latest.bpmn', task('ut-bind-latest', {})],
          ['ut-bind-missing-tag.bpmn', task('ut-bind-missing-tag', { formBindingType: 'versionTag', formVersionTag: 'v9' })],
          ['ut-bind-expression.bpmn', task('ut-bind-expression', { formBindingType: 'deployment' }, '=formId')],
          ['ut-bind-missing.bpmn', task('ut-bind-missing', {}, 'never-deployed-form')],
        ])
      ).key;
      await deploy([['bind-form.form', taggedForm('v2')]]);
    });

    it('records the versionTag of each deployed form on its FORM CREATED record', () => {
      const created = bed.records.ofValueType('FORM').withIntent('CREATED').withValue('formId', 'bind-form').asList();
      expect(created.map((record) => [record.value.version, record.value.versionTag])).to.deep.equal([
        [1, 'v1'],
        [2, 'v2'],
      ]);
    });

    it('latest (the default) links the newest version', async () => {
      expect(await linkedVersion('ut-bind-latest')).to.equal('v2');
    });

    it('deployment links the version deployed together with the process', async () => {
      expect(await linkedVersion('ut-bind-deployment')).to.equal('v1');
    });

    it('versionTag links the newest version carrying that versionTag', async () => {
      expect(await linkedVersion('ut-bind-tag')).to.equal('v1');
    });

    it('latest raises a FORM_NOT_FOUND incident with Zeebe\'s message when no form has the id', async () => {
      expect(await incidentOf('ut-bind-missing')).to.include({
        errorType: 'FORM_NOT_FOUND',
        errorMessage:
          "Expected to find a form with id 'never-deployed-form', but no form with this id is found, at least a form with this id should be available. To resolve the Incident please deploy a form with the same id",
      });
    });

    it('versionTag raises a FORM_NOT_FOUND incident with Zeebe\'s message (line break included) when no version carries the tag', async () => {
      expect(await incidentOf('ut-bind-missing-tag')).to.include({
        errorType: 'FORM_NOT_FOUND',
        errorMessage: "Expected to use a form with id 'bind-form' and version tag 'v9', but no such form found. To resolve the incident, deploy a form with the given id and version tag.\n",
      });
    });

    it('deployment raises a FORM_NOT_FOUND incident naming the deployment when an evaluated form id is not in it', async () => {
      const key = await bed.start('ut-bind-expression', { formId: 'other-form' });
      expect((await bed.waitForIncident(key)).value).to.include({
        errorType: 'FORM_NOT_FOUND',
        errorMessage: `Expected to use a form with id 'other-form' with binding type 'deployment', but no such form found in the deployment with key ${firstDeploymentKey} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended form to use.`,
      });
    });

    it('refuses a deployment whose static deployment-bound form id it does not carry, naming the element', async () => {
      const refused = await deploy([['ut-bind-alone.bpmn', task('ut-bind-alone', { formBindingType: 'deployment' })]]).then(
        () => undefined,
        (e: { code: number; details: string }) => e,
      );
      expect(refused?.code).to.equal(3);
      expect(refused?.details).to.contain(
        "'ut-bind-alone.bpmn': - Element: fill > extensionElements > formDefinition\n    - ERROR: Expected to find form with id 'bind-form' in current deployment, but not found.",
      );
    });
  });
});
