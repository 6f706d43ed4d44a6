import { expect } from 'chai';
import type { EngineRecord } from '../../../engine/api';
import { InstanceRecordIndex, elementStatesOf, historyOf } from '../../../apps';

let position = 0;

/** A record as the engine writes it (only the fields the index reads matter). */
function record(valueType: string, intent: string, key: string, value: Record<string, unknown>, extra: Partial<EngineRecord> = {}): EngineRecord {
  position += 1;
  return { position, key, recordType: 'EVENT', valueType, intent, value: { processInstanceKey: '100', ...value }, timestamp: 1_759_975_200_000 + position, sourceRecordPosition: -1, ...extra };
}

function element(intent: string, key: string, elementId: string, bpmnElementType = 'USER_TASK'): EngineRecord {
  return record('PROCESS_INSTANCE', intent, key, { elementId, bpmnElementType, bpmnProcessId: 'p', processDefinitionKey: '7', version: 2 });
}

describe('the record index of the audit view', function () {
  it('marks an element active while any of its instances runs, completed once one completed, terminated otherwise', function () {
    const records = [
      element('ELEMENT_ACTIVATED', '1', 'review'),
      element('ELEMENT_COMPLETED', '1', 'review'),
      element('ELEMENT_ACTIVATED', '2', 'review'),
      element('ELEMENT_ACTIVATED', '3', 'sign'),
      element('ELEMENT_COMPLETED', '3', 'sign'),
      element('ELEMENT_ACTIVATED', '4', 'timer'),
      element('ELEMENT_TERMINATED', '4', 'timer'),
      record('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', '5', { elementId: 'f1', bpmnElementType: 'SEQUENCE_FLOW' }),
    ];

    const states = elementStatesOf(records);

    expect(states).to.deep.equal({ active: ['review'], completed: ['sign'], terminated: ['timer'], takenFlows: ['f1'] });
  });

  it('keeps events and rejections in the history, with their actor, and leaves commands out', function () {
    const records = [
      record('USER_TASK', 'COMPLETE', '9', { elementId: 'review' }, { recordType: 'COMMAND', actor: 'zhang.san' }),
      record('USER_TASK', 'COMPLETED', '9', { elementId: 'review', assignee: 'zhang.san' }, { actor: 'zhang.san' }),
      record('USER_TASK', 'COMPLETE', '9', { elementId: 'review' }, { recordType: 'COMMAND_REJECTION', rejectionType: 'NOT_FOUND', rejectionReason: 'Expected to complete user task, but it was not found', actor: 'zhang.san' }),
    ];

    const history = historyOf(records);

    expect(history.map((entry) => [entry.recordType, entry.intent, entry.actor])).to.deep.equal([
      ['EVENT', 'COMPLETED', 'zhang.san'],
      ['COMMAND_REJECTION', 'COMPLETE', 'zhang.san'],
    ]);
    expect(history[0].detail).to.equal('assignee zhang.san');
    expect(history[1].rejection).to.match(/^Expected to complete/);
  });

  it('follows an instance from start to completion and remembers its case title after it ends', function () {
    const log: EngineRecord[] = [
      record('VARIABLE', 'CREATED', '11', { name: 'caseTitle', value: '"某某公司设立登记"', scopeKey: '100' }),
      record('VARIABLE', 'CREATED', '12', { name: 'caseTitle', value: '"not the case title"', scopeKey: '555' }),
      element('ELEMENT_ACTIVATING', '100', 'p', 'PROCESS'),
    ];
    const index = new InstanceRecordIndex({ readRecords: (from, limit = 10) => log.filter((entry) => entry.position >= from).slice(0, limit) });

    index.catchUp();
    const running = index.instance('100');
    log.push(element('ELEMENT_COMPLETED', '100', 'p', 'PROCESS'));
    index.catchUp();

    expect(running).to.include({ state: 'ACTIVE', bpmnProcessId: 'p', processDefinitionKey: '7', version: 2, caseTitle: '某某公司设立登记' });
    expect(index.instance('100')).to.include({ state: 'COMPLETED', caseTitle: '某某公司设立登记' });
    expect(index.records('100')).to.have.length(4);
    expect(index.instances().map((instance) => instance.processInstanceKey)).to.deep.equal(['100']);
  });

  it('keeps a case title when a migration re-points its variable, whose MIGRATED event carries no value', function () {
    const log: EngineRecord[] = [
      record('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', '200', { elementId: 'p', bpmnElementType: 'PROCESS', bpmnProcessId: 'p', processDefinitionKey: '7', processInstanceKey: '200' }),
      record('VARIABLE', 'CREATED', '21', { name: 'caseTitle', value: '"惠才卡申领"', scopeKey: '200', processInstanceKey: '200' }),
      record('VARIABLE', 'MIGRATED', '21', { name: 'caseTitle', value: 'null', scopeKey: '200', processInstanceKey: '200', processDefinitionKey: '8' }),
    ];
    const index = new InstanceRecordIndex({ readRecords: (from, limit = 10) => log.filter((entry) => entry.position >= from).slice(0, limit) });

    index.catchUp();

    expect(index.instance('200')).to.include({ caseTitle: '惠才卡申领' });
    expect(index.records('200').map((entry) => entry.intent)).to.include('MIGRATED');
  });
});
