import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, subProcess, chain } = bpmn;

describe('conformance: input/output mappings and variable propagation', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'io-nearest-scope',
        start('s'),
        subProcess('handle', [start('hs'), serviceTask('work', 'io-work'), end('he'), chain('hs', 'work', 'he')], { inputs: { status: '="open"' } }),
        end('e'),
        chain('s', 'handle', 'e'),
      ),
      process(
        'io-task-mappings',
        start('s'),
        serviceTask('issue', 'io-issue', {
          inputs: { 'contact.phone': '=applicant.phone', 'contact.name': '=applicant.name', fee: '=amount * 2' },
          outputs: { permitNo: '=result.number' },
        }),
        end('e'),
        chain('s', 'issue', 'e'),
      ),
      process('io-set-variables', start('s'), serviceTask('hold', 'io-hold'), end('e'), chain('s', 'hold', 'e')),
      process('io-fetch', start('s'), serviceTask('peek', 'io-fetch'), end('e'), chain('s', 'peek', 'e')),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('propagates job variables to the nearest scope that already has them, and creates new ones in the root scope (Zeebe: variable propagation)', async () => {
    // given
    bed.work('io-work', (job) => job.complete({ status: 'done', reviewedAt: '2025-11-24' }));
    // when
    const key = await bed.start('io-nearest-scope', { applicant: '赵' });
    await bed.waitForCompletion(key);
    // then
    const subprocess = bed.elements(key).withElementId('handle').withIntent('ELEMENT_ACTIVATED').first();
    expect(bed.variablesOf(subprocess.key)).to.deep.equal({ status: 'done' });
    expect(bed.variablesOf(key)).to.deep.equal({ applicant: '赵', reviewedAt: '2025-11-24' });
    expect(bed.records.variable().withValue('name', 'status').intents()).to.include.members(['CREATED', 'UPDATED']);
  });

  it('input mappings build local variables (nested targets included) the job sees; with output mappings the job result stays local and only the outputs reach the process (Zeebe: input/output mappings)', async () => {
    // given
    let seen: Record<string, unknown> = {};
    bed.work('io-issue', (job) => {
      seen = { ...job.variables };
      return job.complete({ result: { number: 'JZ-2025-0042', pages: 3 } });
    });
    // when
    const key = await bed.start('io-task-mappings', { applicant: { name: '孙', phone: '0531-000' }, amount: 50 });
    await bed.waitForCompletion(key);
    // then
    expect(seen).to.deep.include({ contact: { phone: '0531-000', name: '孙' }, fee: 100 });
    const task = bed.elements(key).withElementId('issue').withIntent('ELEMENT_ACTIVATED').first();
    expect(bed.variablesOf(task.key)).to.deep.include({ contact: { phone: '0531-000', name: '孙' }, fee: 100, result: { number: 'JZ-2025-0042', pages: 3 } });
    expect(bed.variablesOf(key)).to.deep.equal({ applicant: { name: '孙', phone: '0531-000' }, amount: 50, permitNo: 'JZ-2025-0042' });
  });

  it('setVariables with local=true writes on that element scope only; local=false updates the variable where it lives (Zeebe: SetVariables)', async () => {
    // given a waiting task
    const key = await bed.start('io-set-variables', { stage: 'intake' });
    const job = await bed.waitFor('the job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    const taskKey = String(job.value.elementInstanceKey);
    // when
    await bed.sdk.setVariables({ elementInstanceKey: taskKey, variables: { stage: 'task-only', note: 'local' }, local: true });
    await bed.sdk.setVariables({ elementInstanceKey: taskKey, variables: { stage: 'review', flagged: true }, local: false });
    // then the local write stayed on the task; the propagated one updated the task's own "stage" (the nearest) and created "flagged" at the root
    expect(bed.variablesOf(taskKey)).to.deep.equal({ stage: 'review', note: 'local' });
    expect(bed.variablesOf(key)).to.deep.equal({ stage: 'intake', flagged: true });
    // when the job's worker sees the variables
    let seen: Record<string, unknown> = {};
    bed.work('io-hold', (j) => {
      seen = { ...j.variables };
      return j.complete();
    });
    await bed.waitForCompletion(key);
    // then the innermost value shadows the outer one
    expect(seen).to.deep.equal({ stage: 'review', note: 'local', flagged: true });
  });

  it('hands the worker only the variables it fetches (Zeebe: job activation, fetchVariables)', async () => {
    // given
    let seen: Record<string, unknown> = {};
    bed.work(
      'io-fetch',
      (job) => {
        seen = { ...job.variables };
        return job.complete();
      },
      ['wanted'],
    );
    // when
    const key = await bed.start('io-fetch', { wanted: 1, unwanted: 2 });
    await bed.waitForCompletion(key);
    // then
    expect(seen).to.deep.equal({ wanted: 1 });
  });
});
