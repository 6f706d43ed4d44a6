import { expect } from 'chai';
import type { Engine } from '../../../engine';
import { TestEngine, bpmn } from '../../support';

const UNKNOWN = '2251799813999999';

/** Each bad request: what is sent, the rejection type and the start of the reason Zeebe gives. */
const cases: [string, (engine: Engine) => Promise<unknown>, string, RegExp][] = [
  ['failing an unknown job', (e) => e.failJob({ jobKey: UNKNOWN, retries: 1 }), 'NOT_FOUND', /^Expected to fail job with key '\d+', but no such job was found$/],
  ['throwing an error for an unknown job', (e) => e.throwError({ jobKey: UNKNOWN, errorCode: 'x' }), 'NOT_FOUND', /^Expected to throw an error for job/],
  ['updating retries of an unknown job', (e) => e.updateJobRetries(UNKNOWN, 3), 'NOT_FOUND', /^Expected to update retries for job/],
  ['updating the timeout of an unknown job', (e) => e.updateJobTimeout(UNKNOWN, 1000), 'NOT_FOUND', /^Expected to update the timeout of job/],
  ['resolving an unknown incident', (e) => e.resolveIncident(UNKNOWN), 'NOT_FOUND', /^Expected to resolve incident with key/],
  ['setting variables on an unknown scope', (e) => e.setVariables({ elementInstanceKey: UNKNOWN, variables: {}, local: true }), 'NOT_FOUND', /^Expected to update variables for element/],
  ['cancelling an unknown instance', (e) => e.cancelProcessInstance(UNKNOWN), 'NOT_FOUND', /^Expected to cancel a process instance with key/],
  ['publishing a message without a name', (e) => e.publishMessage({ name: '', correlationKey: 'k', timeToLiveMs: 0 }), 'INVALID_ARGUMENT', /^Expected to publish a message with a name/],
  ['broadcasting a signal without a name', (e) => e.broadcastSignal(''), 'INVALID_ARGUMENT', /^Expected to broadcast a signal with a name/],
  ['evaluating an unknown decision', (e) => e.evaluateDecision({ decisionId: 'nope' }), 'NOT_FOUND', /^Expected to evaluate decision with id 'nope'/],
  ['deleting an unknown resource', (e) => e.deleteResource(UNKNOWN), 'NOT_FOUND', /^Expected to delete resource/],
  ['creating an instance of an unknown definition key', (e) => e.createProcessInstance({ processDefinitionKey: UNKNOWN }), 'NOT_FOUND', /^Expected to find process definition with key/],
  ['completing a job with variables that are a list', (e) => e.completeJob(UNKNOWN, [] as never), 'INVALID_ARGUMENT', /^Expected document to be a root level object, but was 'ARRAY'$/],
  ['migrating an instance', (e) => e.migrateProcessInstance({ processInstanceKey: UNKNOWN, targetProcessDefinitionKey: UNKNOWN, mappingInstructions: [] }), 'NOT_FOUND', /no process instance found/],
];

describe('bad input gets a clear rejection and the engine keeps serving', () => {
  let engine: TestEngine;
  before(async () => {
    engine = await TestEngine.start();
  });
  after(async () => {
    await engine.close();
  });

  for (const [what, call, type, reason] of cases) {
    it(`rejects ${what} with ${type}`, async () => {
      const error = await call(engine.engine).then(
        () => undefined,
        (e: unknown) => e as { rejectionType: string; message: string },
      );
      expect(error, 'expected a rejection').to.not.equal(undefined);
      expect(error!.rejectionType).to.equal(type);
      expect(error!.message).to.match(reason);
    });
  }

  it('still runs a process after all of the above', async () => {
    await engine.deployment().withXml(bpmn.process('ok', bpmn.start('s'), bpmn.end('e'), bpmn.chain('s', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('ok').create();
    expect(engine.isCompleted(key)).to.equal(true);
  });
});
