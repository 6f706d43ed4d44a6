import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, scriptTask, chain } = bpmn;

/** A script task implemented by a job worker instead of a FEEL expression. */
function jobScriptTask(id: string, type: string): string {
  return `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements></bpmn:scriptTask>`;
}

describe('conformance: script task', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process('script-feel', start('s'), scriptTask('total', '=sum(for item in items return item.price * item.qty)', 'total'), end('e'), chain('s', 'total', 'e')),
      process(
        'script-feel-mapped',
        start('s'),
        scriptTask('summary', '={count: count(items), first: items[1].name}', 'summary', { outputs: { itemCount: '=summary.count' } }),
        end('e'),
        chain('s', 'summary', 'e'),
      ),
      process('script-job', start('s'), jobScriptTask('run', 'script-runner'), end('e'), chain('s', 'run', 'e')),
    );
  });
  after(async () => {
    await bed?.close();
  });

  const items = [
    { name: '营业执照', price: 0, qty: 1 },
    { name: '印章', price: 120, qty: 2 },
  ];

  it('evaluates its FEEL expression and stores the result in the result variable, without any job (Zeebe: script tasks)', async () => {
    // when
    const key = await bed.start('script-feel', { items });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.include({ total: 240 });
    expect(bed.records.job().withProcessInstanceKey(key).exists()).to.equal(false);
    expect(bed.elements(key).withElementId('total').withElementType('SCRIPT_TASK').intents()).to.deep.equal([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
  });

  it('with output mappings, keeps the result variable local and passes only the mapped outputs (Zeebe: script tasks, output mappings)', async () => {
    // when
    const key = await bed.start('script-feel-mapped', { items });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ items, itemCount: 2 });
    const task = bed.elements(key).withElementId('summary').withIntent('ELEMENT_ACTIVATED').first();
    expect(bed.variablesOf(task.key)).to.deep.equal({ summary: { count: 2, first: '营业执照' } });
  });

  it('with a task definition instead of an expression, creates a job for a worker like a service task (Zeebe: script tasks, job worker implementation)', async () => {
    // given
    bed.work('script-runner', (job) => job.complete({ ran: job.elementId }));
    // when
    const key = await bed.start('script-job');
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ ran: 'run' });
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'COMPLETED']);
  });
});
