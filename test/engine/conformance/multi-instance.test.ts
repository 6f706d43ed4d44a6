import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, subProcess, chain } = bpmn;

describe('conformance: multi-instance activities', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'mi-parallel',
        start('s'),
        serviceTask('sign', 'mi-sign', {
          multiInstance: { inputCollection: '=departments', inputElement: 'department', outputCollection: 'signatures', outputElement: '=signature' },
        }),
        end('e'),
        chain('s', 'sign', 'e'),
      ),
      process(
        'mi-sequential',
        start('s'),
        serviceTask('step', 'mi-step', { multiInstance: { sequential: true, inputCollection: '=steps', inputElement: 'stepName' } }),
        end('e'),
        chain('s', 'step', 'e'),
      ),
      process(
        'mi-subprocess',
        start('s'),
        subProcess('perItem', [start('is'), serviceTask('handleItem', 'mi-item'), end('ie'), chain('is', 'handleItem', 'ie')], {
          multiInstance: { inputCollection: '=items', inputElement: 'item', outputCollection: 'results', outputElement: '=result' },
        }),
        end('e'),
        chain('s', 'perItem', 'e'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('a parallel multi-instance task creates one instance per item at once, with the item and loopCounter local, and collects the output collection in item order (Zeebe: multi-instance, parallel)', async () => {
    // given a zeebe-node worker
    const jobs: { department: unknown; loopCounter: unknown }[] = [];
    bed.gateway.zeebeNode().createWorker({
      taskType: 'mi-sign',
      taskHandler: (job) => {
        jobs.push({ department: job.variables.department, loopCounter: job.variables.loopCounter });
        return job.complete({ signature: `${String(job.variables.department)}-ok` });
      },
    });
    // when
    const key = await bed.start('mi-parallel', { departments: ['住建', '消防', '环保'] });
    await bed.waitForCompletion(key);
    // then
    expect(jobs).to.have.deep.members([
      { department: '住建', loopCounter: 1 },
      { department: '消防', loopCounter: 2 },
      { department: '环保', loopCounter: 3 },
    ]);
    const body = bed.elements(key).withElementId('sign').withElementType('MULTI_INSTANCE_BODY');
    expect(body.intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    const inner = bed.elements(key).withElementId('sign').withElementType('SERVICE_TASK');
    expect(inner.withIntent('ELEMENT_ACTIVATED').count()).to.equal(3);
    // all three were active before the first completed
    const trail = bed.trail(key);
    const thirdActivated = trail.lastIndexOf('sign:ELEMENT_ACTIVATED');
    expect(thirdActivated).to.be.lessThan(trail.indexOf('sign:ELEMENT_COMPLETED'));
    expect(bed.variablesOf(key)).to.deep.include({ signatures: ['住建-ok', '消防-ok', '环保-ok'] });
    expect(bed.variablesOf(key)).to.not.have.property('department');
    expect(bed.variablesOf(key)).to.not.have.property('loopCounter');
  });

  it('a sequential multi-instance task runs one instance after the other in collection order (Zeebe: multi-instance, sequential)', async () => {
    // given a worker that records the item of each job it gets
    const order: unknown[] = [];
    bed.work('mi-step', (job) => {
      order.push(job.variables.stepName);
      return job.complete();
    });
    // when
    const key = await bed.start('mi-sequential', { steps: ['受理', '审查', '决定'] });
    await bed.waitForCompletion(key);
    // then
    expect(order).to.deep.equal(['受理', '审查', '决定']);
    const activations = bed.elements(key).withElementId('step').withElementType('SERVICE_TASK').asList();
    const intents = activations.map((r) => r.intent).filter((i) => i === 'ELEMENT_ACTIVATED' || i === 'ELEMENT_COMPLETED');
    expect(intents).to.deep.equal(['ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED']);
  });

  it('completes at once over an empty input collection (Zeebe: multi-instance)', async () => {
    // when
    const key = await bed.start('mi-parallel', { departments: [] });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('sign').withElementType('SERVICE_TASK').exists()).to.equal(false);
    expect(bed.variablesOf(key)).to.deep.include({ signatures: [] });
  });

  it('raises an EXTRACT_VALUE_ERROR incident when the input collection is not a list (Zeebe: multi-instance)', async () => {
    // when
    const key = await bed.start('mi-parallel', { departments: '住建' });
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'sign' });
  });

  it('runs a multi-instance embedded subprocess once per item, each with its own scope (Zeebe: multi-instance subprocesses)', async () => {
    // given
    bed.work('mi-item', (job) => job.complete({ result: Number(job.variables.item) * 10 }));
    // when
    const key = await bed.start('mi-subprocess', { items: [1, 2, 3, 4] });
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('perItem').withElementType('SUB_PROCESS').withIntent('ELEMENT_COMPLETED').count()).to.equal(4);
    expect(bed.variablesOf(key)).to.deep.include({ results: [10, 20, 30, 40] });
  });

  it('a sequential multi-instance task fills the output collection in item order (Zeebe: multi-instance, sequential output collection)', async () => {
    // given
    await bed.deploy(
      process(
        'mi-sequential-out',
        start('s'),
        serviceTask('double', 'mi-double', { multiInstance: { sequential: true, inputCollection: '=[3, 1, 2]', inputElement: 'x', outputCollection: 'doubled', outputElement: '=y' } }),
        end('e'),
        chain('s', 'double', 'e'),
      ),
    );
    bed.work('mi-double', (job) => job.complete({ y: Number(job.variables.x) * 2 }));
    // when
    const key = await bed.start('mi-sequential-out');
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ doubled: [6, 2, 4] });
  });
});
