import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, callActivity, boundary, error, errorRef, timerDuration, chain, versionTag } = bpmn;

/** The child instance a call activity of `parentKey` created (its PROCESS activation record). */
async function childOf(bed: ConformanceBed, parentKey: string) {
  return bed.waitFor(
    `a child of ${parentKey}`,
    (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && r.value.bpmnElementType === 'PROCESS' && r.value.parentProcessInstanceKey === parentKey,
  );
}

describe('conformance: call activity', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process('ca-child', start('s'), serviceTask('stamp', 'ca-stamp'), end('e'), chain('s', 'stamp', 'e')),
      process('ca-child-waits', start('s'), serviceTask('wait', 'ca-never'), end('e'), chain('s', 'wait', 'e')),
      process('ca-child-fails', error('e1', 'SEAL_INVALID'), start('s'), end('bad', errorRef('e1')), chain('s', 'bad')),
      process('ca-parent', start('s'), callActivity('call', 'ca-child'), end('e'), chain('s', 'call', 'e')),
      process(
        'ca-parent-mapped',
        start('s'),
        callActivity('call', 'ca-child', {
          propagateAllParentVariables: false,
          propagateAllChildVariables: false,
          inputs: { company: '=application.company' },
          outputs: { stampId: '=stampNo' },
        }),
        end('e'),
        chain('s', 'call', 'e'),
      ),
      process('ca-parent-waits', start('s'), callActivity('call', 'ca-child-waits'), end('e'), chain('s', 'call', 'e')),
      process('ca-parent-missing', start('s'), callActivity('call', 'ca-not-deployed'), end('e'), chain('s', 'call', 'e')),
      process(
        'ca-parent-catches',
        error('e1', 'SEAL_INVALID'),
        start('s'),
        callActivity('call', 'ca-child-fails'),
        boundary('onInvalid', 'call', errorRef('e1')),
        end('e'),
        end('handled'),
        chain('s', 'call', 'e'),
        chain('onInvalid', 'handled'),
      ),
    );
    bed.work('ca-stamp', (job) => job.complete({ stampNo: `S-${String(job.variables.company ?? 'none')}`, seenApplication: job.variables.application !== undefined }));
  });
  after(async () => {
    await bed?.close();
  });

  it('creates the child instance with all parent variables and propagates all child variables back on completion (Zeebe: call activities)', async () => {
    // when
    const key = await bed.start('ca-parent', { application: { company: '鲁商' }, company: '鲁商' });
    const child = await childOf(bed, key);
    await bed.waitForCompletion(key);
    // then
    const callInstance = bed.elements(key).withElementId('call').withIntent('ELEMENT_ACTIVATED').first();
    expect(child.value).to.include({ bpmnProcessId: 'ca-child', parentElementInstanceKey: callInstance.key });
    expect(bed.variablesOf(child.key)).to.deep.include({ company: '鲁商', stampNo: 'S-鲁商', seenApplication: true });
    expect(bed.variablesOf(key)).to.deep.include({ stampNo: 'S-鲁商', seenApplication: true });
    const trail = bed.trail(key);
    expect(trail).to.include('call:ELEMENT_COMPLETED');
  });

  it('with propagateAllParentVariables and propagateAllChildVariables off, passes only the input mappings in and only the output mappings out (Zeebe: call activities, variable mappings)', async () => {
    // when
    const key = await bed.start('ca-parent-mapped', { application: { company: '齐鲁' }, secret: 'parent-only' });
    const child = await childOf(bed, key);
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(child.key)).to.not.have.property('secret');
    expect(bed.variablesOf(child.key)).to.deep.include({ company: '齐鲁', seenApplication: false });
    expect(bed.variablesOf(key)).to.deep.equal({ application: { company: '齐鲁' }, secret: 'parent-only', stampId: 'S-齐鲁' });
  });

  it('terminates the child instance when the parent is canceled (Zeebe: call activities)', async () => {
    // given
    const key = await bed.start('ca-parent-waits');
    const child = await childOf(bed, key);
    await bed.waitFor('the child job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === child.key);
    // when
    await bed.sdk.cancelProcessInstance(key);
    await bed.waitForTermination(key);
    // then
    await bed.waitForTermination(child.key);
    expect(bed.records.job().withProcessInstanceKey(child.key).intents()).to.deep.equal(['CREATED', 'CANCELED']);
  });

  it('raises a CALLED_ELEMENT_ERROR incident when the called process is not deployed (Zeebe: call activities)', async () => {
    // when
    const key = await bed.start('ca-parent-missing');
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call' });
    expect(String(incident.value.errorMessage)).to.contain('ca-not-deployed');
  });

  it('an error thrown in the child is caught by an error boundary event on the call activity (Zeebe: call activities, error propagation)', async () => {
    // when
    const key = await bed.start('ca-parent-catches');
    const child = await childOf(bed, key);
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('handled').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('call').intents()).to.include('ELEMENT_TERMINATED');
    await bed.waitForTermination(child.key);
  });

  it('an interrupting timer boundary event on the call activity terminates the child instance (Zeebe: call activities with boundary events)', async () => {
    // given
    await bed.deploy(
      process('ca-parent-deadline', start('s'), callActivity('call', 'ca-child-waits'), boundary('late', 'call', timerDuration('PT1H')), end('e'), end('timedOut'), chain('s', 'call', 'e'), chain('late', 'timedOut')),
    );
    const key = await bed.start('ca-parent-deadline');
    const child = await childOf(bed, key);
    await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.advanceClock(3_600_000 + 1_000);
    await bed.waitForCompletion(key);
    // then
    await bed.waitForTermination(child.key);
    expect(bed.elements(key).withElementId('timedOut').intents()).to.include('ELEMENT_COMPLETED');
  });

  it('evaluates a FEEL processId to find the process to call (Zeebe: call activities, calledElement expression)', async () => {
    // given
    await bed.deploy(process('ca-parent-dynamic', start('s'), callActivity('call', '=childProcess'), end('e'), chain('s', 'call', 'e')));
    // when
    const key = await bed.start('ca-parent-dynamic', { childProcess: 'ca-child' });
    const child = await childOf(bed, key);
    await bed.waitForCompletion(key);
    // then
    expect(child.value.bpmnProcessId).to.equal('ca-child');
  });
  describe('binding types: which version of the called process starts (Zeebe: call activities, bindingType)', () => {
    const child = (tag: string) => process('bind-child', versionTag(tag), start('s'), serviceTask('work', `bind-${tag}`), end('e'), chain('s', 'work', 'e'));
    const parent = (id: string, options: { bindingType?: string; versionTag?: string }) =>
      process(id, start('s'), callActivity('call', 'bind-child', options), end('e'), chain('s', 'call', 'e'));
    const deploy = (resources: [string, string][]) =>
      bed.sdk.deployResources(resources.map(([name, xml]) => ({ name, process: Buffer.from(xml) })) as never) as Promise<{
        deployments: { process?: { bpmnProcessId: string; version: number } }[];
      }>;
    /** The job type the called child instance waits at: it names the child's version tag. */
    const calledVersion = async (bpmnProcessId: string) => {
      const key = await bed.start(bpmnProcessId);
      const childInstance = await childOf(bed, key);
      const job = await bed.waitFor('the child job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === childInstance.key);
      return job.value.type;
    };

    before(async () => {
      // v1 of the child is deployed together with the parents; v2 comes later on its own
      await deploy([
        ['bind-child.bpmn', child('v1')],
        ['bind-deployment.bpmn', parent('bind-deployment', { bindingType: 'deployment' })],
        ['bind-tag.bpmn', parent('bind-tag', { bindingType: 'versionTag', versionTag: 'v1' })],
        ['bind-latest.bpmn', parent('bind-latest', {})],
        ['bind-missing-tag.bpmn', parent('bind-missing-tag', { bindingType: 'versionTag', versionTag: 'v9' })],
      ]);
      await deploy([['bind-child.bpmn', child('v2')]]);
    });

    it('latest (the default) calls the newest version', async () => {
      expect(await calledVersion('bind-latest')).to.equal('bind-v2');
    });

    it('deployment calls the version deployed together with the calling process', async () => {
      expect(await calledVersion('bind-deployment')).to.equal('bind-v1');
    });

    it('deployment calls the child deployed beside the newest parent: an unchanged parent deployed with a changed child gets a new version too (Zeebe 8.6+: resources deployed together are versioned together)', async () => {
      const firstParent = await bed.sdk.createProcessInstance({ bpmnProcessId: 'bind-deployment', variables: {} });
      const redeployed = await deploy([
        ['bind-deployment.bpmn', parent('bind-deployment', { bindingType: 'deployment' })],
        ['bind-child.bpmn', child('v3')],
      ]);
      expect(redeployed.deployments.map((d) => [d.process?.bpmnProcessId, d.process?.version])).to.deep.equal([
        ['bind-deployment', 2],
        ['bind-child', 3],
      ]);
      expect(await calledVersion('bind-deployment')).to.equal('bind-v3');
      expect(await calledVersion('bind-latest')).to.equal('bind-v3');
      // an instance of the first parent version still calls the child deployed with it
      const firstChild = await childOf(bed, firstParent.processInstanceKey);
      expect(firstChild.value.version).to.equal(1);
    });

    it('hands back the versions already deployed when nothing in a deployment changed (Zeebe: duplicate resources)', async () => {
      const again = await deploy([
        ['bind-deployment.bpmn', parent('bind-deployment', { bindingType: 'deployment' })],
        ['bind-child.bpmn', child('v3')],
      ]);
      expect(again.deployments.map((d) => [d.process?.bpmnProcessId, d.process?.version])).to.deep.equal([
        ['bind-deployment', 2],
        ['bind-child', 3],
      ]);
    });

    it('versionTag calls the newest version carrying that zeebe:versionTag', async () => {
      expect(await calledVersion('bind-tag')).to.equal('bind-v1');
    });

    it('versionTag raises a CALLED_ELEMENT_ERROR incident when no version carries the tag', async () => {
      const key = await bed.start('bind-missing-tag');
      const incident = await bed.waitForIncident(key);
      expect(incident.value.errorType).to.equal('CALLED_ELEMENT_ERROR');
      expect(incident.value.errorMessage).to.equal(
        "Expected to call process with BPMN process id 'bind-child' and version tag 'v9', but no such process found. To resolve this incident, deploy a process with the given process id and version tag.",
      );
    });

    it('refuses a deployment whose static deployment-bound process id it does not carry, naming the element', async () => {
      const refused = await deploy([['bind-alone.bpmn', parent('bind-alone', { bindingType: 'deployment' })]]).then(
        () => undefined,
        (e: { details: string }) => e.details,
      );
      expect(refused).to.contain(
        "'bind-alone.bpmn': - Element: call > extensionElements > calledElement\n    - ERROR: Expected to find process with id 'bind-child' in current deployment, but not found.",
      );
    });

    it('refuses a deployment whose bindingType versionTag names no tag, naming the element', async () => {
      const refused = await deploy([['bind-no-tag.bpmn', parent('bind-no-tag', { bindingType: 'versionTag' })]]).then(
        () => undefined,
        (e: { details: string }) => e.details,
      );
      expect(refused).to.contain("Must have a 'versionTag' on 'zeebe:calledElement' when its bindingType is 'versionTag'");
    });
  });
});
