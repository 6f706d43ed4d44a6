import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, sendTask, throwEvent, message, messageRef, chain } = bpmn;

/** A message end event implemented by a job worker (how Zeebe runs message throw events). */
function messageEndEvent(id: string, messageId: string, type: string): string {
  return `<bpmn:endEvent id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="${messageId}"/></bpmn:endEvent>`;
}

describe('conformance: send task and message throw events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process('send-notify', start('s'), sendTask('notify', 'send-sms', { headers: { template: 'ready-for-pickup' } }), end('e'), chain('s', 'notify', 'e')),
      process(
        'msg-throw',
        message('m', 'licence-ready'),
        start('s'),
        throwEvent('announce', messageRef('m'), { jobType: 'msg-throw-announce' }),
        messageEndEvent('finish', 'm', 'msg-throw-finish'),
        chain('s', 'announce', 'finish'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('a send task creates a job with its headers that a worker completes, like a service task (Zeebe: send tasks)', async () => {
    // given
    let template: unknown;
    bed.work('send-sms', (job) => {
      template = job.customHeaders.template;
      return job.complete({ smsSent: true });
    });
    // when
    const key = await bed.start('send-notify');
    await bed.waitForCompletion(key);
    // then
    expect(template).to.equal('ready-for-pickup');
    expect(bed.elements(key).withElementId('notify').withElementType('SEND_TASK').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.variablesOf(key)).to.deep.equal({ smsSent: true });
  });

  it('message intermediate throw and end events create jobs and wait for their workers (Zeebe: message throw events)', async () => {
    // given only the intermediate event's worker
    bed.work('msg-throw-announce', (job) => job.complete({ announced: job.elementId }));
    const key = await bed.start('msg-throw');
    // when the end event's job exists, the instance waits for it
    const endJob = await bed.waitFor('the end event job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.elementId === 'finish');
    expect(endJob.value.type).to.equal('msg-throw-finish');
    expect(bed.elements(key).withElementId('finish').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when
    bed.work('msg-throw-finish', (job) => job.complete());
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('announce').withElementType('INTERMEDIATE_THROW_EVENT').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('finish').withElementType('END_EVENT').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.variablesOf(key)).to.deep.equal({ announced: 'announce' });
  });
});
