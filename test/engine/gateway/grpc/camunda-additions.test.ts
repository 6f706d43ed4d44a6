import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import type { EngineRecord } from '../../../../engine/api';
import { loadGatewayPackageDefinition } from '../../../../engine/gateway/grpc/proto';
import { bpmn } from '../../../support';
import { startConformanceBed, type ConformanceBed } from '../../conformance/support';
import { adHocSubProcess } from '../../conformance/support/ad-hoc-models';
import { conditional } from '../../conformance/support/conditional-models';
import { taskListeners, withExtension } from '../../conformance/support/listener-models';

const { process, start, end, serviceTask, userTask, chain } = bpmn;

type Unary = (request: unknown, callback: (error: grpc.ServiceError | null, response: Record<string, unknown>) => void) => void;
type RawClient = grpc.Client & Record<string, Unary>;

/**
 * What Camunda 8.8/8.9's gateway has beyond the SDK's proto, through a raw @grpc/grpc-js client built from the
 * engine's gateway protocol (the SDK's zeebe.proto plus engine/gateway/grpc/gateway-additions-proto.ts):
 * CompleteJob's JobResult, CreateProcessInstance's runtimeInstructions and EvaluateConditional.
 */
describe('the gRPC gateway: Camunda 8.8/8.9 additions to the SDK proto (JobResult, runtime instructions, EvaluateConditional)', () => {
  let bed: ConformanceBed;
  let client: RawClient;
  before(async () => {
    bed = await startConformanceBed();
    const loaded = grpc.loadPackageDefinition(loadGatewayPackageDefinition()) as unknown as { gateway_protocol: { Gateway: grpc.ServiceClientConstructor } };
    client = new loaded.gateway_protocol.Gateway(bed.gateway.server.grpcAddress, grpc.credentials.createInsecure()) as unknown as RawClient;
  });
  after(async () => {
    client?.close();
    await bed?.close();
  });

  const call = (rpc: string, request: unknown) =>
    new Promise<Record<string, unknown>>((resolve, reject) => client[rpc](request, (error, response) => (error ? reject(error) : resolve(response))));
  const refusal = (rpc: string, request: unknown) => call(rpc, request).then(() => undefined, (error: grpc.ServiceError) => error);
  /** Activate one job of `type` through the raw client (ActivateJobs streams its answer). */
  const activateOne = (type: string) =>
    new Promise<{ key: string; variables: string }>((resolve, reject) => {
      const stream = (client as unknown as Record<string, (request: unknown) => grpc.ClientReadableStream<{ jobs: { key: string; variables: string }[] }>>).ActivateJobs({
        type,
        worker: 'raw',
        timeout: '60000',
        maxJobsToActivate: 1,
        requestTimeout: '10000',
      });
      stream.on('data', (response) => {
        if (response.jobs.length > 0) resolve(response.jobs[0]);
      });
      stream.on('error', reject);
    });

  it('completes an ad-hoc subprocess job with a JobResult that activates an element with variables, then with its completion', async () => {
    // given an agent (a job worker) deciding the checks of an ad-hoc subprocess
    await bed.deploy(process('raw-agent', start('s'), adHocSubProcess('agent', [serviceTask('check', 'raw-check')], { jobType: 'raw-agent' }), end('e'), chain('s', 'agent', 'e')));
    const key = await bed.start('raw-agent');
    const agentJob = await activateOne('raw-agent');
    // when the agent asks for the check, with its input
    await call('CompleteJob', { jobKey: agentJob.key, variables: '{}', result: { type: 'adHocSubProcess', activateElements: [{ elementId: 'check', variables: '{"licenceNo":"L-7"}' }] } });
    const checkJob = await activateOne('raw-check');
    // then the check runs with it
    expect(JSON.parse(checkJob.variables)).to.include({ licenceNo: 'L-7' });
    await call('CompleteJob', { jobKey: checkJob.key, variables: '{"licenceOk":true}' });
    // and when the agent declares the work done, the subprocess completes
    const again = await activateOne('raw-agent');
    await call('CompleteJob', { jobKey: again.key, variables: '{}', result: { type: 'adHocSubProcess', isCompletionConditionFulfilled: true } });
    await bed.waitForCompletion(key);
  });

  it('completes a task listener job with corrections (StringList candidate groups; the type defaults to userTask)', async () => {
    // given a Camunda user task with a creating listener
    await bed.deploy(process('raw-listener', start('s'), withExtension(userTask('review', { candidateGroups: 'window' }), taskListeners(['creating', 'raw-creating'])), end('e'), chain('s', 'review', 'e')));
    const key = await bed.start('raw-listener');
    const job = await activateOne('raw-creating');
    // when the listener corrects the candidate groups and priority
    await call('CompleteJob', { jobKey: job.key, variables: '{}', result: { corrections: { candidateGroups: { values: ['window', 'chief'] }, priority: 80 } } });
    // then the task is created with them (type defaults to userTask)
    const created = await bed.waitFor('the created task', (r: EngineRecord) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(created.value).to.deep.include({ candidateGroupsList: ['window', 'chief'], priority: 80 });
  });

  it('denies a user task completion from a completing listener, with its reason', async () => {
    // given a task whose completion a completing listener checks
    await bed.deploy(process('raw-deny', start('s'), withExtension(userTask('sign'), taskListeners(['completing', 'raw-completing'])), end('e'), chain('s', 'sign', 'e')));
    const key = await bed.start('raw-deny');
    const task = await bed.waitFor('the task', (r: EngineRecord) => r.valueType === 'USER_TASK' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when someone completes it and the listener denies
    const completion = bed.rest().completeUserTask({ userTaskKey: String(task.key) }).then(() => undefined, (error: Error) => error);
    const job = await activateOne('raw-completing');
    await call('CompleteJob', { jobKey: job.key, variables: '{}', result: { type: 'userTask', denied: true, deniedReason: '印章未盖' } });
    // then the completion is refused and the task stays open
    expect(String(await completion)).to.contain('denied');
    const denied = await bed.waitFor('the denial', (r: EngineRecord) => r.valueType === 'USER_TASK' && r.intent === 'COMPLETION_DENIED' && r.key === task.key);
    expect(denied.value).to.deep.include({ deniedReason: '印章未盖' });
  });

  it('refuses a JobResult of an unknown type with INVALID_ARGUMENT', async () => {
    await bed.deploy(process('raw-bad-result', start('s'), serviceTask('t', 'raw-bad'), end('e'), chain('s', 't', 'e')));
    await bed.start('raw-bad-result');
    const job = await activateOne('raw-bad');
    const failed = await refusal('CompleteJob', { jobKey: job.key, variables: '{}', result: { type: 'somethingElse' } });
    expect(failed?.code).to.equal(grpc.status.INVALID_ARGUMENT);
    expect(failed?.details).to.contain('["userTask", "adHocSubProcess"]');
  });

  it('creates an instance with a runtime instruction that terminates it after an element', async () => {
    await bed.deploy(process('raw-runtime', start('s'), serviceTask('a', 'raw-a'), serviceTask('b', 'raw-b'), end('e'), chain('s', 'a', 'b', 'e')));
    const created = await call('CreateProcessInstance', { bpmnProcessId: 'raw-runtime', version: -1, variables: '{}', runtimeInstructions: [{ terminate: { afterElementId: 'a' } }] });
    const key = String(created.processInstanceKey);
    const job = await activateOne('raw-a');
    await call('CompleteJob', { jobKey: job.key, variables: '{}' });
    await bed.waitForTermination(key);
    expect(bed.elements(key).withElementId('b').count()).to.equal(0);
  });

  it('evaluates root-level conditional start events (EvaluateConditional) and answers NOT_FOUND for an unknown definition', async () => {
    // given
    const deployed = await bed.sdk.deployResource({ process: Buffer.from(process('raw-cond', start('big', conditional('=amount > 100')), end('e'), chain('big', 'e'))), name: 'raw-cond.bpmn' });
    const processDefinitionKey = deployed.deployments[0].process.processDefinitionKey;
    // when
    const none = await call('EvaluateConditional', { processDefinitionKey, variables: '{"amount":5}' });
    const some = await call('EvaluateConditional', { variables: '{"amount":500}' });
    // then
    expect(none.processInstances).to.deep.equal([]);
    expect(some.tenantId).to.equal('<default>');
    expect(String(some.conditionalEvaluationKey)).to.match(/^\d+$/);
    const started = some.processInstances as { processDefinitionKey: string; processInstanceKey: string }[];
    expect(started).to.have.length(1);
    expect(started[0].processDefinitionKey).to.equal(processDefinitionKey);
    await bed.waitForCompletion(started[0].processInstanceKey);
    const missing = await refusal('EvaluateConditional', { processDefinitionKey: '2251799813999999', variables: '{}' });
    expect(missing?.code).to.equal(grpc.status.NOT_FOUND);
  });
});
