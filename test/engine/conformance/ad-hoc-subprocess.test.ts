import { expect } from 'chai';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import type { EngineRecord } from '../../../engine/api';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';
import { adHocSubProcess } from './support/ad-hoc-models';

const { process, start, end, serviceTask, task, chain, flow } = bpmn;

describe('conformance: ad-hoc subprocesses (Camunda 8.8)', () => {
  let bed: ConformanceBed;
  let camunda: ReturnType<typeof createCamundaClient>;
  before(async () => {
    bed = await startConformanceBed();
    camunda = createCamundaClient({
      config: { CAMUNDA_REST_ADDRESS: bed.gateway.server.restUrl, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_SDK_VALIDATION: 'req:none,res:none' } as never,
    });
  });
  after(async () => {
    await bed?.close();
  });

  const elementEvents = (key: string, elementId: string) =>
    bed.records.processInstance().events().withProcessInstanceKey(key).asList().filter((r: EngineRecord) => r.value.elementId === elementId).map((r: EngineRecord) => r.intent);
  const adHocKeyOf = async (key: string, id = 'ahsp') => (await bed.waitForElement(key, id, 'ELEMENT_ACTIVATED')).key;

  it('activates the elements of activeElementsCollection, each in its own inner instance, runs what follows them and completes when nothing runs (Camunda: activate an element, completion)', async () => {
    // given A and B without incoming flows, C after A
    const inner = adHocSubProcess('ahsp', [serviceTask('A', 'ah-a'), serviceTask('B', 'ah-b'), task('C'), flow('A', 'C')], {
      activeElementsCollection: '=toActivate',
      outputCollection: 'results',
      outputElement: '=result',
    });
    await bed.deploy(process('ah-basic', start('s'), inner, end('e'), chain('s', 'ahsp', 'e')));
    bed.work('ah-a', (job) => job.complete({ result: 'a-done' }));
    bed.work('ah-b', (job) => job.complete({ result: 'b-done' }));
    // when
    const key = await bed.start('ah-basic', { toActivate: ['A', 'B'] });
    await bed.waitForCompletion(key);
    // then each activation ran in an inner instance of the ad-hoc subprocess
    expect(elementEvents(key, 'ahsp')).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(elementEvents(key, 'ahsp#innerInstance').slice(0, 4)).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    const innerTypes = bed.records.processInstance().withProcessInstanceKey(key).asList().filter((r: EngineRecord) => r.value.elementId === 'ahsp#innerInstance').map((r: EngineRecord) => r.value.bpmnElementType);
    expect(new Set(innerTypes)).to.deep.equal(new Set(['AD_HOC_SUB_PROCESS_INNER_INSTANCE']));
    expect(elementEvents(key, 'ahsp#innerInstance').filter((i) => i === 'ELEMENT_COMPLETED')).to.have.length(2);
    expect(elementEvents(key, 'C')).to.include('ELEMENT_COMPLETED');
    const ahspType = bed.records.processInstance().withProcessInstanceKey(key).asList().find((r: EngineRecord) => r.value.elementId === 'ahsp')!.value.bpmnElementType;
    expect(ahspType).to.equal('AD_HOC_SUB_PROCESS');
    // and the output collection reached the process; the activities' own variables stayed local
    const variables = bed.variablesOf(key);
    expect((variables.results as string[]).slice().sort()).to.deep.equal(['a-done', 'b-done']);
    expect(variables).to.not.have.property('result');
    // and adHocSubProcessElements described the activities (C has an incoming flow: not one)
    const elements = bed.records.variable().withProcessInstanceKey(key).asList().find((r: EngineRecord) => r.value.name === 'adHocSubProcessElements');
    expect(JSON.parse(String(elements!.value.value)).map((e: { elementId: string }) => e.elementId)).to.deep.equal(['A', 'B']);
    // and history (REST element-instance search) lists the subprocess and its inner instances with Zeebe's types
    let types: string[] = [];
    for (let attempt = 0; attempt < 100 && !types.includes('AD_HOC_SUB_PROCESS'); attempt++) {
      const found = (await camunda.searchElementInstances({ filter: { processInstanceKey: key } } as never, { consistency: { waitUpToMs: 0 } } as never)) as unknown as { items: { type: string }[] };
      types = found.items.map((item) => item.type);
      if (!types.includes('AD_HOC_SUB_PROCESS')) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(types).to.include.members(['AD_HOC_SUB_PROCESS', 'AD_HOC_SUB_PROCESS_INNER_INSTANCE']);
  });

  it('completes when the completion condition holds, terminating what still runs with cancelRemainingInstances (Camunda: completion condition)', async () => {
    // given
    const inner = adHocSubProcess('ahsp', [serviceTask('fast', 'ah-fast'), serviceTask('slow', 'ah-slow')], {
      activeElementsCollection: '=["fast", "slow"]',
      completionCondition: '=done = true',
    });
    await bed.deploy(process('ah-condition', start('s'), inner, end('e'), chain('s', 'ahsp', 'e')));
    bed.work('ah-fast', (job) => job.complete({ done: true }));
    // when
    const key = await bed.start('ah-condition', { done: false });
    await bed.waitForCompletion(key);
    // then the slow task was terminated and the subprocess completed
    expect(elementEvents(key, 'slow')).to.include('ELEMENT_TERMINATED');
    expect(elementEvents(key, 'ahsp')).to.include('ELEMENT_COMPLETED');
    expect(bed.records.job().withProcessInstanceKey(key).withIntent('CANCELED').asList().map((r: EngineRecord) => r.value.elementId)).to.deep.equal(['slow']);
  });

  it('waits for what still runs when cancelRemainingInstances is false', async () => {
    // given
    const inner = adHocSubProcess('ahsp', [serviceTask('first', 'ah-first'), serviceTask('second', 'ah-second')], {
      activeElementsCollection: '=["first", "second"]',
      completionCondition: '=true',
      cancelRemainingInstances: false,
    });
    await bed.deploy(process('ah-wait', start('s'), inner, end('e'), chain('s', 'ahsp', 'e')));
    bed.work('ah-first', (job) => job.complete());
    const key = await bed.start('ah-wait');
    await bed.waitForElement(key, 'first');
    await bed.settle();
    // then the subprocess is still active, and completes only after the second task
    expect(elementEvents(key, 'ahsp')).to.not.include('ELEMENT_COMPLETED');
    bed.work('ah-second', (job) => job.complete());
    await bed.waitForCompletion(key);
    expect(elementEvents(key, 'second')).to.include('ELEMENT_COMPLETED');
  });

  it('activates activities over REST with local variables, and refuses unknown activities, duplicates and unknown keys as Zeebe does (POST /v2/element-instances/ad-hoc-activities/{key}/activation)', async () => {
    // given a subprocess that starts with nothing active
    const inner = adHocSubProcess('ahsp', [serviceTask('check', 'ah-check'), task('noop')], { completionCondition: '=checked = true' });
    await bed.deploy(process('ah-rest', start('s'), inner, end('e'), chain('s', 'ahsp', 'e')));
    let seen: Record<string, unknown> = {};
    bed.work('ah-check', (job) => {
      seen = job.variables as Record<string, unknown>;
      return job.complete({ checked: true });
    });
    const key = await bed.start('ah-rest');
    const ahspKey = await adHocKeyOf(key);
    // when an unknown element, a duplicate and an unknown key are sent
    const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: { status?: number; response?: { status: number }; body?: unknown; message?: string }) => e);
    const unknown = await refusal(camunda.activateAdHocSubProcessActivities({ adHocSubProcessInstanceKey: ahspKey, elements: [{ elementId: 'nope' }] } as never));
    expect(JSON.stringify(unknown, Object.getOwnPropertyNames(unknown))).to.contain(`Expected to activate activities for ad-hoc sub-process with key '${ahspKey}', but the given elements [nope] do not exist.`);
    const duplicate = await refusal(camunda.activateAdHocSubProcessActivities({ adHocSubProcessInstanceKey: ahspKey, elements: [{ elementId: 'noop' }, { elementId: 'noop' }] } as never));
    expect(JSON.stringify(duplicate, Object.getOwnPropertyNames(duplicate))).to.contain('but duplicate activities were given.');
    const response = await fetch(`${bed.gateway.server.restUrl}/v2/element-instances/ad-hoc-activities/${key}/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ elements: [{ elementId: 'check' }] }),
    });
    expect(response.status).to.equal(404);
    expect(((await response.json()) as { detail: string }).detail).to.contain(`no ad-hoc sub-process instance found with key '${key}'`);
    // and then a real activation with variables
    await camunda.activateAdHocSubProcessActivities({ adHocSubProcessInstanceKey: ahspKey, elements: [{ elementId: 'check', variables: { caseNo: 'SD-1' } }] } as never);
    await bed.waitForCompletion(key);
    // then the activity saw its local variable, and the instruction was recorded as Zeebe records it
    expect(seen).to.include({ caseNo: 'SD-1' });
    const instructions = bed.records.asList().filter((r: EngineRecord) => r.valueType === 'AD_HOC_SUB_PROCESS_INSTRUCTION').map((r: EngineRecord) => `${r.recordType}:${r.intent}`);
    expect(instructions).to.deep.equal(['COMMAND:ACTIVATE', 'COMMAND_REJECTION:ACTIVATE', 'COMMAND:ACTIVATE', 'COMMAND_REJECTION:ACTIVATE', 'COMMAND:ACTIVATE', 'COMMAND_REJECTION:ACTIVATE', 'COMMAND:ACTIVATE', 'EVENT:ACTIVATED']);
  });

  it('lets a job worker drive it: activations and completion by job result, a new job after each inner flow (Camunda: job worker implementation)', async () => {
    // given
    const inner = adHocSubProcess('ahsp', [serviceTask('tool', 'ah-tool')], { jobType: 'ah-agent', outputCollection: 'answers', outputElement: '=answer' });
    await bed.deploy(process('ah-worker', start('s'), inner, end('e'), chain('s', 'ahsp', 'e')));
    bed.work('ah-tool', (job) => job.complete({ answer: `answer to ${String((job.variables as Record<string, unknown>).question)}` }));
    const key = await bed.start('ah-worker');
    const activate = async (after?: string) => {
      await bed.waitFor('an agent job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.type === 'ah-agent' && r.key !== after);
      const { jobs } = await camunda.activateJobs({ type: 'ah-agent', worker: 'agent', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
      expect(jobs).to.have.length(1);
      return jobs[0] as unknown as { jobKey: string; kind: string; variables: Record<string, unknown> };
    };
    // when the first job activates the tool with a question
    const first = await activate();
    expect(first.kind).to.equal('AD_HOC_SUB_PROCESS');
    expect((first.variables.adHocSubProcessElements as { elementId: string }[]).map((e) => e.elementId)).to.deep.equal(['tool']);
    await camunda.completeJob({ jobKey: first.jobKey, result: { type: 'adHocSubProcess', activateElements: [{ elementId: 'tool', variables: { question: 'Q1' } }] } } as never);
    // then a new job comes once the tool's flow completed; completing it with the condition fulfilled completes the subprocess
    const second = await activate(first.jobKey);
    const both = await camunda
      .completeJob({ jobKey: second.jobKey, result: { type: 'adHocSubProcess', isCompletionConditionFulfilled: true, activateElements: [{ elementId: 'tool' }] } } as never)
      .then(() => undefined, (e: unknown) => e);
    expect(JSON.stringify(both, Object.getOwnPropertyNames(both))).to.contain('the job result contains elements to be activated while the completion condition is fulfilled');
    await camunda.completeJob({ jobKey: second.jobKey, variables: { summary: 'ok' }, result: { type: 'adHocSubProcess', isCompletionConditionFulfilled: true } } as never);
    await bed.waitForCompletion(key);
    expect(bed.variablesOf(key)).to.deep.include({ answers: ['answer to Q1'], summary: 'ok' });
    const trail = bed.records.asList().filter((r: EngineRecord) => r.valueType === 'AD_HOC_SUB_PROCESS_INSTRUCTION' && r.recordType !== 'COMMAND_REJECTION').map((r: EngineRecord) => `${r.recordType}:${r.intent}`);
    expect(trail.slice(-4)).to.deep.equal(['COMMAND:ACTIVATE', 'EVENT:ACTIVATED', 'COMMAND:COMPLETE', 'EVENT:COMPLETED']);
  });

  it('runs a multi-instance ad-hoc subprocess: one ad-hoc subprocess per item, each with its own activations (Camunda: multi-instance ad-hoc)', async () => {
    const loop = bpmn.multiInstance({ inputCollection: '=applicants', inputElement: 'applicant' });
    const inner = adHocSubProcess('ahsp', [serviceTask('verify', 'ah-verify')], { activeElementsCollection: '=["verify"]', loop });
    await bed.deploy(process('ah-multi', start('s'), inner, end('e'), chain('s', 'ahsp', 'e')));
    const seen: string[] = [];
    bed.work('ah-verify', (job) => {
      seen.push(String((job.variables as Record<string, unknown>).applicant));
      return job.complete();
    });
    const key = await bed.start('ah-multi', { applicants: ['张三', '李四'] });
    await bed.waitForCompletion(key);
    expect(seen.sort()).to.deep.equal(['张三', '李四'].sort());
    const types = bed.records.processInstance().events().withProcessInstanceKey(key).asList().filter((r: EngineRecord) => r.intent === 'ELEMENT_COMPLETED' && r.value.elementId === 'ahsp').map((r: EngineRecord) => r.value.bpmnElementType);
    expect(types).to.deep.equal(['AD_HOC_SUB_PROCESS', 'AD_HOC_SUB_PROCESS', 'MULTI_INSTANCE_BODY']);
  });

  it('refuses activating activities of a suspended case (409) and accepts them once it is resumed (Camunda 8.10 suspension)', async () => {
    const inner = adHocSubProcess('ahsp', [task('note')]);
    await bed.deploy(process('ah-suspended', start('s'), inner, end('e'), chain('s', 'ahsp', 'e')));
    const key = await bed.start('ah-suspended');
    const ahspKey = await adHocKeyOf(key);
    const post = (path: string, body: unknown = {}) =>
      fetch(`${bed.gateway.server.restUrl}/v2${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(`/process-instances/${key}/suspension`)).status).to.equal(204);
    const refused = await post(`/element-instances/ad-hoc-activities/${ahspKey}/activation`, { elements: [{ elementId: 'note' }] });
    expect(refused.status).to.equal(409);
    expect(((await refused.json()) as { detail: string }).detail).to.contain('is suspended; resume it first');
    expect((await post(`/process-instances/${key}/resumption`)).status).to.equal(204);
    expect((await post(`/element-instances/ad-hoc-activities/${ahspKey}/activation`, { elements: [{ elementId: 'note' }] })).status).to.equal(204);
    await bed.waitForCompletion(key);
  });

  it('raises an EXTRACT_VALUE_ERROR incident when activeElementsCollection names no activity', async () => {
    const inner = adHocSubProcess('ahsp', [task('A')], { activeElementsCollection: '=["A", "Z"]' });
    await bed.deploy(process('ah-incident', start('s'), inner, end('e'), chain('s', 'ahsp', 'e')));
    const key = await bed.start('ah-incident');
    const incident = await bed.waitForIncident(key);
    expect(incident.value).to.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'ahsp' });
    expect(String(incident.value.errorMessage)).to.contain('but the given elements [Z] do not exist.');
  });

  it('refuses at deployment an ad-hoc subprocess with a start event, and one without activities, with Zeebe\'s messages', async () => {
    const withStart = process('ah-bad', start('s'), adHocSubProcess('ahsp', [start('inner'), task('A')]), end('e'), chain('s', 'ahsp', 'e'));
    const error = await bed.sdk.deployResource({ process: Buffer.from(withStart), name: 'ah-bad.bpmn' }).then(() => undefined, (e: { code: number; details: string }) => e);
    expect(error?.code).to.equal(3);
    expect(error?.details).to.contain('Must not contain a start event.');
    const empty = process('ah-empty', start('s'), adHocSubProcess('ahsp', []), end('e'), chain('s', 'ahsp', 'e'));
    const error2 = await bed.sdk.deployResource({ process: Buffer.from(empty), name: 'ah-empty.bpmn' }).then(() => undefined, (e: { code: number; details: string }) => e);
    expect(error2?.details).to.contain('Must have at least one activity.');
  });
});
