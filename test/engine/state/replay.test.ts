import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const {
  process, start, end, serviceTask, chain, boundary, catchEvent, timerDuration, message, messageRef, userTask, subProcess,
  callActivity, parallelGateway, error, errorRef, businessRuleTask, signal, signalRef,
} = bpmn;

/** A named scenario leaves the engine in an interesting, unfinished state. */
type Scenario = (engine: TestEngine) => Promise<void>;

const scenarios: Record<string, Scenario> = {
  'a job waiting for a worker, another activated with a deadline': async (engine) => {
    await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('p').withVariables({ a: 1, nested: { b: [1, 2] } }).create();
    await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.job().ofType('work').activate(1);
  },
  'ad-hoc subprocesses: one engine-driven with a running inner instance and an output collection, one driven by a job worker after a REST activation': async (engine) => {
    const inner = `<bpmn:adHocSubProcess id="ahsp"><bpmn:extensionElements><zeebe:adHoc activeElementsCollection="=[&quot;A&quot;, &quot;B&quot;]" outputCollection="results" outputElement="=r"/></bpmn:extensionElements>${serviceTask('A', 'ah-a')}${serviceTask('B', 'ah-b')}<bpmn:completionCondition>=count(results) = 2</bpmn:completionCondition></bpmn:adHocSubProcess>`;
    await engine.deployment().withXml(process('ah', start('s'), inner, end('e'), chain('s', 'ahsp', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('ah').create();
    await engine.job().ofType('ah-a').complete({ r: 1 });
    const worker = `<bpmn:adHocSubProcess id="agent"><bpmn:extensionElements><zeebe:taskDefinition type="ah-agent"/></bpmn:extensionElements>${serviceTask('tool', 'ah-tool')}</bpmn:adHocSubProcess>`;
    await engine.deployment().withXml(process('ahw', start('s'), worker, end('e'), chain('s', 'agent', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('ahw').create();
    const agent = engine.records().processInstance().withProcessInstanceKey(key).asList().find((r) => r.value.elementId === 'agent')!;
    await engine.engine.submitCommand({ key: agent.key, valueType: 'AD_HOC_SUB_PROCESS_INSTRUCTION', intent: 'ACTIVATE', value: { adHocSubProcessInstanceKey: agent.key, activateElements: [{ elementId: 'tool', variables: { q: 1 } }] } });
    const [job] = await engine.job().ofType('ah-agent').activate(1);
    await engine.engine.completeJob(job.key, {}, undefined, { type: 'adHocSubProcess', isCompletionConditionFulfilled: true, isCancelRemainingInstances: false });
  },
  'conditional events: a catch event still waiting, a non-interrupting boundary that triggered and waits again': async (engine) => {
    const cond = (condition: string) => `<bpmn:conditionalEventDefinition><bpmn:condition>${condition}</bpmn:condition></bpmn:conditionalEventDefinition>`;
    const waiting = process('cw', start('s'), catchEvent('wait', cond('=stock &gt; 10')), end('e'), chain('s', 'wait', 'e'));
    const remind = process('cr', start('s'), userTask('handle'), end('e'), boundary('remind', 'handle', cond('=priority &gt; 5'), { interrupting: false }), end('re'), chain('s', 'handle', 'e'), chain('remind', 're'));
    await engine.deployment().withXml(waiting).deploy();
    await engine.deployment().withXml(remind).deploy();
    const w = await engine.processInstance().ofBpmnProcessId('cw').withVariables({ stock: 1 }).create();
    await engine.engine.setVariables({ elementInstanceKey: w, variables: { stock: 5 }, local: false });
    const r = await engine.processInstance().ofBpmnProcessId('cr').withVariables({ priority: 1 }).create();
    await engine.engine.setVariables({ elementInstanceKey: r, variables: { priority: 8 }, local: false });
    expect(engine.records().ofValueType('CONDITIONAL_SUBSCRIPTION').events().intents()).to.deep.equal(['CREATED', 'CREATED', 'TRIGGERED']);
  },
  'a pending boundary timer and an intermediate timer': async (engine) => {
    const xml = process('t', start('s'), serviceTask('task', 'slow'), catchEvent('wait', timerDuration('PT2H')), end('e'), boundary('late', 'task', timerDuration('PT1H'), { interrupting: false }), end('le'), chain('s', 'task', 'wait', 'e'), chain('late', 'le'));
    await engine.deployment().withXml(xml).deploy();
    await engine.processInstance().ofBpmnProcessId('t').create();
    await engine.clock.advance(3_600_000);
    await engine.job().ofType('slow').complete();
  },
  'a buffered message, an open subscription and a correlated one': async (engine) => {
    await engine.deployment().withXml(process('m', message('msg', 'paid', '=id'), start('s'), catchEvent('w', messageRef('msg')), end('e'), chain('s', 'w', 'e'))).deploy();
    await engine.message().withName('paid').withCorrelationKey('later').withTimeToLive(600_000).withId('x1').publish();
    await engine.processInstance().ofBpmnProcessId('m').withVariables({ id: 'open' }).create();
    await engine.processInstance().ofBpmnProcessId('m').withVariables({ id: 'now' }).create();
    await engine.message().withName('paid').withCorrelationKey('now').publish();
    // a correlated message (never buffered) next to an instance that keeps waiting for the same name
    await engine.processInstance().ofBpmnProcessId('m').withVariables({ id: 'asked' }).create();
    await engine.message().withName('paid').withCorrelationKey('asked').correlate();
  },
  'message subscriptions correlated (interrupting and not), deleted and rejected on both sides': async (engine) => {
    const query = process('q', message('qm', 'query', '=id'), start('s'), serviceTask('t', 'examine'), end('e'), boundary('b', 't', messageRef('qm'), { interrupting: false }), end('be'), chain('s', 't', 'e'), chain('b', 'be'));
    await engine.deployment().withXml(query).deploy();
    // correlated, still open (non-interrupting), then a second buffered message taken right after
    await engine.message().withName('query').withCorrelationKey('open').withTimeToLive(600_000).publish();
    await engine.processInstance().ofBpmnProcessId('q').withVariables({ id: 'open' }).create();
    await engine.message().withName('query').withCorrelationKey('open').publish();
    // correlated once, then deleted with its task
    await engine.processInstance().ofBpmnProcessId('q').withVariables({ id: 'done' }).create();
    await engine.message().withName('query').withCorrelationKey('done').publish();
    await engine.job().ofType('examine').complete();
    // two interrupting boundaries, both messages buffered: one wins, the other is rejected and stays buffered
    const twoWays = process('c', message('cm', 'cancel', '=id'), message('am', 'amend', '=id'), start('s'), serviceTask('t', 'handle'), end('e'), boundary('bc', 't', messageRef('cm')), boundary('ba', 't', messageRef('am')), end('ce'), end('ae'), chain('s', 't', 'e'), chain('bc', 'ce'), chain('ba', 'ae'));
    await engine.deployment().withXml(twoWays).deploy();
    await engine.message().withName('cancel').withCorrelationKey('c1').withTimeToLive(600_000).publish();
    await engine.message().withName('amend').withCorrelationKey('c1').withTimeToLive(600_000).publish();
    await engine.processInstance().ofBpmnProcessId('c').withVariables({ id: 'c1' }).create();
    // the log holds every kind of subscription record the replay must go through
    const intents = (valueType: string) => new Set(engine.records().ofValueType(valueType).events().intents());
    expect([...intents('PROCESS_MESSAGE_SUBSCRIPTION')]).to.include.members(['CREATING', 'CREATED', 'CORRELATED', 'DELETING', 'DELETED']);
    expect([...intents('MESSAGE_SUBSCRIPTION')]).to.include.members(['CREATED', 'CORRELATING', 'CORRELATED', 'REJECTED', 'DELETED']);
  },
  'an incident, a failed job in back-off and a user task': async (engine) => {
    await engine.deployment().withXml(process('i', start('s'), serviceTask('t', '=missingType'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('i').create();
    await engine.deployment().withXml(process('b', start('s'), serviceTask('t', 'flaky'), end('e'), chain('s', 't', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('b').create();
    await engine.job().ofType('flaky').fail(2, 'retry later', 60_000);
    await engine.deployment().withXml(process('u', start('s'), userTask('review', { assignee: 'li', candidateGroups: 'g' }), end('e'), chain('s', 'review', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('u').create();
  },
  'an instance migrated to a new version with its job, user task and incident': async (engine) => {
    const v1 = process('mig', start('s'), parallelGateway('f'), serviceTask('t', 'work'), userTask('review', { assignee: 'li' }), serviceTask('broken', '=missingType'), end('e1'), end('e2'), end('e3'), chain('s', 'f'), chain('f', 't', 'e1'), chain('f', 'review', 'e2'), chain('f', 'broken', 'e3'));
    await engine.deployment().withXml(v1).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('mig').create();
    const v2 = await engine.deployment().withXml(v1.replace('<bpmn:endEvent id="e1"', '<bpmn:endEvent id="e1" name="v2"')).deploy();
    const target = (v2.deployments[0] as { process: { processDefinitionKey: string } }).process.processDefinitionKey;
    await engine.engine.migrateProcessInstance({
      processInstanceKey: key,
      targetProcessDefinitionKey: target,
      mappingInstructions: [{ sourceElementId: 't', targetElementId: 't' }, { sourceElementId: 'review', targetElementId: 'review' }, { sourceElementId: 'broken', targetElementId: 'broken' }],
    });
  },
  'an instance migrated with a mapped timer and message boundary, a canceled timer and a new signal subscription': async (engine) => {
    const v1 = process('migsub', message('mm', 'mig-correction', '=caseNo'), start('s'), serviceTask('t', 'migsub'), boundary('yellow', 't', timerDuration('PT24H'), { interrupting: false }), boundary('red', 't', timerDuration('PT48H')), boundary('fix', 't', messageRef('mm'), { interrupting: false }), end('e'), end('ye'), end('re'), end('fe'), chain('s', 't', 'e'), chain('yellow', 'ye'), chain('red', 're'), chain('fix', 'fe'));
    await engine.deployment().withXml(v1).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('migsub').withVariables({ caseNo: 'R-1' }).create();
    const v2xml = process('migsub', message('mm', 'mig-correction', '=caseNo'), signal('hs', 'mig-halt'), start('s'), serviceTask('t', 'migsub'), boundary('yellow-light', 't', timerDuration('PT12H'), { interrupting: false }), boundary('amend', 't', messageRef('mm')), boundary('halt', 't', signalRef('hs')), end('e'), end('ye'), end('ae'), end('he'), chain('s', 't', 'e'), chain('yellow-light', 'ye'), chain('amend', 'ae'), chain('halt', 'he'));
    const v2 = await engine.deployment().withXml(v2xml).deploy();
    const target = (v2.deployments[0] as { process: { processDefinitionKey: string } }).process.processDefinitionKey;
    await engine.engine.migrateProcessInstance({
      processInstanceKey: key,
      targetProcessDefinitionKey: target,
      mappingInstructions: [{ sourceElementId: 't', targetElementId: 't' }, { sourceElementId: 'yellow', targetElementId: 'yellow-light' }, { sourceElementId: 'fix', targetElementId: 'amend' }],
    });
    // the log holds each kind of MIGRATED subscription record the replay must go through
    const migrated = (valueType: string) => engine.records().ofValueType(valueType).events().withIntent('MIGRATED').exists();
    expect(['TIMER', 'PROCESS_MESSAGE_SUBSCRIPTION', 'MESSAGE_SUBSCRIPTION'].map(migrated)).to.deep.equal([true, true, true]);
    expect(engine.records().ofValueType('SIGNAL_SUBSCRIPTION').events().withIntent('CREATED').exists()).to.equal(true);
  },
  'migrated multi-instance activities: a parallel user task and a sequential task whose next iteration came from the target': async (engine) => {
    const model = (id: string, jobType: string) =>
      process(id, start('s'), parallelGateway('f'), userTask('review', { multiInstance: { inputCollection: '=departments', inputElement: 'department', outputCollection: 'verdicts', outputElement: '=verdict' } }), serviceTask('step', jobType, { multiInstance: { sequential: true, inputCollection: '=steps', inputElement: 'stepName' } }), end('e1'), end('e2'), chain('s', 'f'), chain('f', 'review', 'e1'), chain('f', 'step', 'e2'));
    await engine.deployment().withXml(model('migmi', 'step-v1')).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('migmi').withVariables({ departments: ['a', 'b', 'c'], steps: [1, 2, 3] }).create();
    await engine.job().ofType('step-v1').complete();
    const v2 = await engine.deployment().withXml(model('migmi2', 'step-v2')).deploy();
    const target = (v2.deployments[0] as { process: { processDefinitionKey: string } }).process.processDefinitionKey;
    await engine.engine.migrateProcessInstance({
      processInstanceKey: key,
      targetProcessDefinitionKey: target,
      mappingInstructions: [{ sourceElementId: 'review', targetElementId: 'review' }, { sourceElementId: 'step', targetElementId: 'step' }],
    });
    await engine.job().ofType('step-v1').complete();
    // the third iteration was created from the target, with its job type
    expect(engine.records().ofValueType('JOB').events().withIntent('CREATED').asList().map((r) => r.value.type).filter((type) => String(type).startsWith('step-'))).to.deep.equal(['step-v1', 'step-v1', 'step-v2']);
  },
  'a call activity with a multi-instance subprocess inside a parallel fork': async (engine) => {
    await engine.deployment().withXml(process('child', start('s'), subProcess('each', [start('ss'), serviceTask('w', 'item'), end('se'), chain('ss', 'w', 'se')], { multiInstance: { inputCollection: '=items', inputElement: 'item' } }), end('e'), chain('s', 'each', 'e'))).deploy();
    await engine.deployment().withXml(process('parent', error('err', 'E'), start('s'), parallelGateway('f'), callActivity('call', 'child'), serviceTask('other', 'other'), parallelGateway('j'), end('e'), boundary('b', 'call', errorRef('err')), end('be'), chain('s', 'f'), chain('f', 'call', 'j'), chain('f', 'other', 'j'), chain('j', 'e'), chain('b', 'be'))).deploy();
    await engine.processInstance().ofBpmnProcessId('parent').withVariables({ items: [1, 2, 3] }).create();
    await engine.job().ofType('item').complete({ done: 1 });
  },
  'a parallel multi-instance subprocess with more live children than a small key list holds, some completed': async (engine) => {
    await engine.deployment().withXml(process('wide', start('s'), subProcess('each', [start('ss'), serviceTask('w', 'wide-item'), end('se'), chain('ss', 'w', 'se')], { multiInstance: { inputCollection: '=items', inputElement: 'item' } }), end('e'), chain('s', 'each', 'e'))).deploy();
    await engine.processInstance().ofBpmnProcessId('wide').withVariables({ items: Array.from({ length: 20 }, (_, i) => i) }).create();
    for (let i = 0; i < 5; i++) await engine.job().ofType('wide-item').complete();
  },
  'decisions and forms with version tags, bound by deployment and by tag': async (engine) => {
    const dmn = (tag: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="drg" name="DRG" namespace="http://onego"><decision id="d" name="D"><extensionElements><zeebe:versionTag value="${tag}" /></extensionElements><literalExpression id="le"><text>"${tag}"</text></literalExpression></decision></definitions>`;
    const form = (tag: string) => JSON.stringify({ id: 'f', versionTag: tag, components: [] });
    const bound = process('bound', start('s'), businessRuleTask('decide', 'd', 'r', { bindingType: 'deployment' }), userTask('fill', { formId: 'f', formBindingType: 'versionTag', formVersionTag: 'v1' }), end('e'), chain('s', 'decide', 'fill', 'e'));
    await engine.deployment().withResource('d.dmn', dmn('v1')).withResource('f.form', form('v1')).withXml(bound).deploy();
    await engine.deployment().withResource('d.dmn', dmn('v2')).withResource('f.form', form('v2')).deploy();
    await engine.processInstance().ofBpmnProcessId('bound').create();
  },
};

describe('replay: state rebuilt from the log equals the state before the restart', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(`rebuilds the same state for: ${name}`, async () => {
      // given
      const engine = await TestEngine.start();
      try {
        await scenario(engine);
        const before = engine.engine.snapshot();
        expect(Object.keys(before.elementInstances as object)).to.not.be.empty;
        // when
        await engine.restart();
        // then
        expect(engine.engine.snapshot()).to.deep.equal(before);
      } finally {
        await engine.close();
      }
    });
  }

  it('rebuilds the same state for all scenarios in one log', async () => {
    const engine = await TestEngine.start();
    try {
      for (const scenario of Object.values(scenarios)) await scenario(engine);
      const before = engine.engine.snapshot();
      await engine.restart();
      expect(engine.engine.snapshot()).to.deep.equal(before);
    } finally {
      await engine.close();
    }
  });
});

/** Carry on with whatever waits: every job and user task completed, incidents resolved, two hours passed. */
async function continueWork(engine: TestEngine): Promise<void> {
  // Chinese text, an emoji and a value longer than the pieces the log's tail is decoded in (engine/log/batch-text.ts)
  const remark = { 备注: '已办结 ✓ 😀', 材料清单: '身份证复印件、营业执照副本；'.repeat(200) };
  for (const type of [...engine.engine.state.activatableJobs.keys()]) {
    for (const job of await engine.job().ofType(type).activate(100)) await engine.engine.completeJob(job.key, { continued: true, ...remark }).catch(() => undefined);
  }
  for (const task of engine.engine.listUserTasks()) await engine.userTask().complete(task.userTaskKey, { verdict: 'ok', 审批意见: '同意，转交下一环节' }).catch(() => undefined);
  for (const incident of [...engine.engine.state.incidents.values()]) await engine.incident().resolve(incident.key).catch(() => undefined);
  await engine.clock.advance(2 * 3_600_000);
  await engine.engine.whenIdle();
}

describe('snapshot + tail: state restored from a snapshot and the records after it equals a full replay', () => {
  /** Snapshot + tail, then a full replay (`--replay-all`): both must equal the live engine's state. */
  async function expectSameStateThreeWays(engine: TestEngine, snapshotPosition: number): Promise<void> {
    const live = engine.engine.snapshot();
    const logEnd = engine.records().asList().at(-1)!.position;
    expect(snapshotPosition, 'records after the snapshot').to.be.below(logEnd);
    await engine.restart();
    expect(engine.engine.snapshotStatus()?.position, 'restored from the snapshot').to.equal(snapshotPosition);
    const fromSnapshot = engine.engine.snapshot();
    await engine.restart({ replayAll: true });
    const fullReplay = engine.engine.snapshot();
    expect(fromSnapshot).to.deep.equal(fullReplay);
    expect(fullReplay).to.deep.equal(live);
  }

  for (const [name, scenario] of Object.entries(scenarios)) {
    it(`restores the same state from a snapshot and its tail for: ${name}`, async () => {
      const engine = await TestEngine.start();
      try {
        // given: the scenario, a snapshot, and more work after it
        await scenario(engine);
        const taken = await engine.engine.takeSnapshot();
        await continueWork(engine);
        // when / then
        await expectSameStateThreeWays(engine, taken!.position);
      } finally {
        await engine.close();
      }
    });
  }

  it('restores the same state for all scenarios in one log, snapshot taken half-way', async () => {
    const engine = await TestEngine.start();
    try {
      const all = Object.values(scenarios);
      for (const scenario of all.slice(0, all.length / 2)) await scenario(engine);
      const taken = await engine.engine.takeSnapshot();
      for (const scenario of all.slice(all.length / 2)) await scenario(engine);
      await continueWork(engine);
      await expectSameStateThreeWays(engine, taken!.position);
    } finally {
      await engine.close();
    }
  });
});

describe('snapshot of a restored engine: chunks carried over undecoded, plus a tail, equal a full replay', () => {
  it('restores the same state from a snapshot taken by an engine that itself restored from one', async () => {
    const engine = await TestEngine.start();
    try {
      // given: half the scenarios in a first snapshot, restored (values left encoded), then the rest on top
      const all = Object.values(scenarios);
      for (const scenario of all.slice(0, all.length / 2)) await scenario(engine);
      await engine.engine.whenIdle();
      await engine.engine.takeSnapshot();
      await engine.restart();
      for (const scenario of all.slice(all.length / 2)) await scenario(engine);
      // when: a second snapshot (untouched chunks go over as they are), more work, a restart from it
      const taken = (await engine.engine.takeSnapshot())!;
      await continueWork(engine);
      const live = engine.engine.snapshot();
      await engine.restart();
      // then
      expect(engine.engine.snapshotStatus()?.position).to.equal(taken.position);
      const fromSnapshot = engine.engine.snapshot();
      await engine.restart({ replayAll: true });
      expect(fromSnapshot).to.deep.equal(engine.engine.snapshot());
      expect(fromSnapshot).to.deep.equal(live);
    } finally {
      await engine.close();
    }
  });
});

describe('restart: what was pending is back after reopening the data directory', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('fires a timer that came due while the engine was down', async () => {
    await engine.deployment().withXml(process('p', start('s'), catchEvent('wait', timerDuration('PT1H')), end('e'), chain('s', 'wait', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.restart();
    await engine.clock.advance(3_600_000);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('hands out an activatable job and times out an activated one after a restart', async () => {
    await engine.deployment().withXml(process('p', start('s'), serviceTask('t', 'work'), end('e'), chain('s', 't', 'e'))).deploy();
    const a = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.processInstance().ofBpmnProcessId('p').create();
    const [locked] = await engine.job().ofType('work').withTimeout(60_000).activate(1);
    await engine.restart();
    const [free] = await engine.job().ofType('work').activate();
    expect(free.key).to.not.equal(locked.key);
    await engine.clock.advance(60_001);
    const [again] = await engine.job().ofType('work').activate();
    expect(again.key).to.equal(locked.key);
    await engine.engine.completeJob(again.key);
    expect(engine.isCompleted(a)).to.equal(true);
  });

  it('correlates a message buffered before the restart', async () => {
    await engine.deployment().withXml(process('m', message('msg', 'paid', '=id'), start('s'), catchEvent('w', messageRef('msg')), end('e'), chain('s', 'w', 'e'))).deploy();
    await engine.message().withName('paid').withCorrelationKey('k').withTimeToLive(600_000).publish();
    await engine.restart();
    const key = await engine.processInstance().ofBpmnProcessId('m').withVariables({ id: 'k' }).create();
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('keeps an open incident that can be resolved after the restart', async () => {
    await engine.deployment().withXml(process('i', start('s'), serviceTask('t', '=jobType'), end('e'), chain('s', 't', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('i').create();
    await engine.restart();
    const [incident] = engine.incident().open(key);
    expect(incident.value.errorType).to.equal('EXTRACT_VALUE_ERROR');
    await engine.engine.setVariables({ elementInstanceKey: key, variables: { jobType: 'w' }, local: false });
    await engine.incident().resolve(incident.key);
    await engine.job().ofType('w').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('hands out keys above every key written before the restart', async () => {
    await engine.deployment().withXml(process('p', start('s'), end('e'), chain('s', 'e'))).deploy();
    const before = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.restart();
    const after = await engine.processInstance().ofBpmnProcessId('p').create();
    expect(BigInt(after) > BigInt(before)).to.equal(true);
  });
});
