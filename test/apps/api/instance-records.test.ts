import { expect } from 'chai';
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineRecord } from '../../../engine/api';
import { openHistoryDatabase } from '../../../engine/history';
import { HistoryWriter } from '../../../engine/history/history-writer';
import { elementStatesOf, historyOf, instancePage } from '../../../apps';
import { CaseIndex } from '../../../apps/api/case-index/case-index';
import { calendarFromEnv } from '../../../workers/calendar';

let position = 0;

/** A record as the engine writes it (only the fields history reads matter). */
function record(valueType: string, intent: string, key: string, value: Record<string, unknown>, extra: Partial<EngineRecord> = {}): EngineRecord {
  position += 1;
  return { position, key, recordType: 'EVENT', valueType, intent, value: { processInstanceKey: '100', ...value }, timestamp: 1_759_975_200_000 + position, sourceRecordPosition: -1, ...extra };
}

function element(intent: string, key: string, elementId: string, bpmnElementType = 'USER_TASK', processInstanceKey = '100'): EngineRecord {
  return record('PROCESS_INSTANCE', intent, key, { elementId, bpmnElementType, bpmnProcessId: 'p', processDefinitionKey: '7', version: 2, processInstanceKey });
}

describe('the audit view read from history', function () {
  let dir: string;
  let db: Database.Database;
  let writer: HistoryWriter;
  let index: CaseIndex | undefined;

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'onego-audit-history-'));
    db = openHistoryDatabase(join(dir, 'history.sqlite'));
    writer = new HistoryWriter(db);
  });
  afterEach(function () {
    index?.close();
    index = undefined;
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (records: EngineRecord[]) => writer.write(records, records[records.length - 1].position);
  /** The audit list's page, read from the apps' case index after it caught up with what history holds now. */
  const page = async (query: Record<string, unknown>) => {
    index ??= new CaseIndex(db, calendarFromEnv({ ONEGO_HOLIDAY_UNCOVERED: 'weekends-only' }));
    await index.catchUp();
    return instancePage(index, query, Date.now());
  };

  it('marks an element active while any of its instances runs, completed once one completed, terminated otherwise', function () {
    write([
      element('ELEMENT_ACTIVATING', '100', 'p', 'PROCESS'),
      element('ELEMENT_ACTIVATING', '1', 'review'),
      element('ELEMENT_COMPLETED', '1', 'review'),
      element('ELEMENT_ACTIVATING', '2', 'review'),
      element('ELEMENT_ACTIVATING', '3', 'sign'),
      element('ELEMENT_COMPLETED', '3', 'sign'),
      element('ELEMENT_ACTIVATING', '4', 'timer'),
      element('ELEMENT_TERMINATED', '4', 'timer'),
      record('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', '5', { elementId: 'f1', bpmnElementType: 'SEQUENCE_FLOW' }),
    ]);

    const states = elementStatesOf(db, '100');

    expect(states).to.deep.equal({ active: ['review'], completed: ['sign'], terminated: ['timer'], takenFlows: ['f1'] });
  });

  it('keeps events and rejections in the history, with their actor, and leaves commands out', function () {
    write([
      record('USER_TASK', 'COMPLETE', '9', { elementId: 'review' }, { recordType: 'COMMAND', actor: 'zhang.san' }),
      record('USER_TASK', 'COMPLETED', '9', { elementId: 'review', assignee: 'zhang.san' }, { actor: 'zhang.san' }),
      record('USER_TASK', 'COMPLETE', '9', { elementId: 'review' }, { recordType: 'COMMAND_REJECTION', rejectionType: 'NOT_FOUND', rejectionReason: 'Expected to complete user task, but it was not found', actor: 'zhang.san' }),
    ]);

    const history = historyOf(db, '100');

    expect(history.map((entry) => [entry.recordType, entry.intent, entry.actor])).to.deep.equal([
      ['EVENT', 'COMPLETED', 'zhang.san'],
      ['COMMAND_REJECTION', 'COMPLETE', 'zhang.san'],
    ]);
    expect(history[0].detail).to.equal('assignee zhang.san');
    expect(history[1].rejection).to.match(/^Expected to complete/);
  });

  it('follows an instance from start to completion and remembers its case title after it ends', async function () {
    write([
      record('VARIABLE', 'CREATED', '11', { name: 'caseTitle', value: '"某某公司设立登记"', scopeKey: '100' }),
      record('VARIABLE', 'CREATED', '12', { name: 'caseTitle', value: '"not the case title"', scopeKey: '555' }),
      element('ELEMENT_ACTIVATING', '100', 'p', 'PROCESS'),
    ]);
    const running = (await page({})).items;
    write([element('ELEMENT_COMPLETED', '100', 'p', 'PROCESS')]);

    expect(running[0]).to.include({ state: 'ACTIVE', bpmnProcessId: 'p', processDefinitionKey: '7', version: 2, caseTitle: '某某公司设立登记' });
    expect((await page({})).items[0]).to.include({ state: 'COMPLETED', caseTitle: '某某公司设立登记' });
    expect(historyOf(db, '100').map((entry) => entry.intent)).to.deep.equal(['CREATED', 'CREATED', 'ELEMENT_COMPLETED']);
  });

  it('keeps a case title when a migration re-points its variable, whose MIGRATED event carries no value', async function () {
    write([
      element('ELEMENT_ACTIVATING', '200', 'p', 'PROCESS', '200'),
      record('VARIABLE', 'CREATED', '21', { name: 'caseTitle', value: '"惠才卡申领"', scopeKey: '200', processInstanceKey: '200' }),
      record('VARIABLE', 'MIGRATED', '21', { name: 'caseTitle', value: 'null', scopeKey: '200', processInstanceKey: '200', processDefinitionKey: '8' }),
    ]);

    expect((await page({})).items[0]).to.include({ processInstanceKey: '200', caseTitle: '惠才卡申领' });
    expect(historyOf(db, '200').map((entry) => entry.intent)).to.include('MIGRATED');
  });

  it('pages the list newest first on the server and filters it by state and by text (the trigram index from three characters, a scan below)', async function () {
    const records: EngineRecord[] = [];
    for (let index = 0; index < 5; index += 1) {
      const key = String(300 + index);
      records.push(element('ELEMENT_ACTIVATING', key, 'p', 'PROCESS', key));
      records.push(record('VARIABLE', 'CREATED', String(400 + index), { name: 'caseId', value: JSON.stringify(`SD-${index}`), scopeKey: key, processInstanceKey: key }));
    }
    records.push(element('ELEMENT_COMPLETED', '300', 'p', 'PROCESS', '300'));
    write(records);

    const first = await page({ limit: '2' });
    const second = await page({ limit: '2', after: first.page.endCursor });
    const completed = await page({ state: 'COMPLETED' });
    const byText = await page({ text: 'SD-3' });
    const byShortText = await page({ text: '-3' });

    expect(first.items.map((item) => item.processInstanceKey)).to.deep.equal(['304', '303']);
    expect(second.items.map((item) => item.processInstanceKey)).to.deep.equal(['302', '301']);
    expect(first.page.totalItems).to.equal(5);
    expect(completed.items.map((item) => item.processInstanceKey)).to.deep.equal(['300']);
    expect(byText.items.map((item) => item.caseId)).to.deep.equal(['SD-3']);
    expect(byShortText.items.map((item) => item.caseId)).to.deep.equal(['SD-3']);
    let refused: unknown;
    await page({ limit: '0' }).catch((error: unknown) => (refused = error));
    expect(String(refused)).to.match(/limit/);
  });
});
