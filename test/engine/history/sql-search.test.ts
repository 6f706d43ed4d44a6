import { expect } from 'chai';
import Database from 'better-sqlite3';
import { matchesDate, matchesInteger, matchesString } from '../../../engine/gateway/rest/search';
import { HttpProblem } from '../../../engine/gateway/rest/problem';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryDatabase } from '../../../engine/history/history-schema';
import { PROCESS_INSTANCE_SEARCH } from '../../../engine/history/readers/process-instances';
import { filterCondition, likeToGlob, MAX_TOTAL_ITEMS, sqlSearch } from '../../../engine/history/sql-search';

/** Evaluates one filter property in SQLite against one value, as the history searches do. */
function sqlMatches(db: Database.Database, kind: 'string' | 'date' | 'integer', actual: string | number | null, filter: unknown): boolean {
  const params: unknown[] = [];
  const condition = filterCondition({ sql: 'v', kind }, filter, 'f', params);
  const row = db.prepare(`WITH t (v) AS (SELECT ?) SELECT (${condition}) AS hit FROM t`).get(actual, ...params) as { hit: number | null };
  return row.hit === 1;
}

describe('history search filters in SQL', function () {
  const db = new Database(':memory:');
  after(() => db.close());

  const strings: [string | undefined, unknown][] = [
    ['tax', 'tax'],
    ['tax', { $eq: 'tax' }],
    ['tax', { $neq: 'tax' }],
    [undefined, { $neq: 'tax' }],
    [undefined, { $exists: false }],
    ['tax', { $exists: true }],
    ['tax', { $in: ['hrss', 'tax'] }],
    ['tax', { $notIn: ['hrss', 'tax'] }],
    [undefined, { $notIn: ['hrss'] }],
    ['market-regulation', { $like: 'market*' }],
    ['Market-regulation', { $like: 'market*' }],
    ['a*b', { $like: 'a\\*b' }],
    ['axb', { $like: 'a\\*b' }],
    ['tax', { $like: 't?x' }],
    ['t[a]x', { $like: 't[a]x' }],
    ['t%x', { $like: 't_x' }],
    ['100%', { $like: '100%' }],
  ];
  for (const [actual, filter] of strings) {
    it(`agrees with the in-memory search on ${JSON.stringify(actual)} against ${JSON.stringify(filter)}`, () => {
      expect(sqlMatches(db, 'string', actual ?? null, filter)).to.equal(matchesString(actual, filter, 'f'));
    });
  }

  const dates: [string | undefined, unknown][] = [
    ['2025-10-09T09:30:00.000Z', { $gte: '2025-10-09T17:30:00+08:00' }],
    ['2025-10-09T09:30:00.000Z', { $lt: '2025-10-09T17:30:00+08:00' }],
    [undefined, { $gt: '2025-01-01T00:00:00Z' }],
    [undefined, { $neq: '2025-01-01T00:00:00Z' }],
    ['2025-01-01T00:00:00.000Z', '2025-01-01T08:00:00+08:00'],
  ];
  for (const [actual, filter] of dates) {
    it(`agrees on the date ${JSON.stringify(actual)} against ${JSON.stringify(filter)}`, () => {
      expect(sqlMatches(db, 'date', actual === undefined ? null : Date.parse(actual), filter)).to.equal(matchesDate(actual, filter, 'f'));
    });
  }

  const integers: [number, unknown][] = [
    [80, { $gt: 50, $lte: 80 }],
    [50, 80],
    [50, { $in: [40, 50] }],
  ];
  for (const [actual, filter] of integers) {
    it(`agrees on the integer ${actual} against ${JSON.stringify(filter)}`, () => {
      expect(sqlMatches(db, 'integer', actual, filter)).to.equal(matchesInteger(actual, filter, 'f'));
    });
  }

  it('binds the pattern instead of writing it into the SQL, so quotes stay text', () => {
    expect(sqlMatches(db, 'string', "o'brien", { $like: "o'*" })).to.equal(true);
    expect(likeToGlob('a[b*')).to.equal('a[[]b*');
  });

  it('refuses an unknown operator and a non-array $in with a 400 naming the field', () => {
    expect(() => filterCondition({ sql: 'v', kind: 'string' }, { $gt: 'a' }, 'filter.name', [])).to.throw(HttpProblem, /filter\.name/);
    expect(() => filterCondition({ sql: 'v', kind: 'string' }, { $in: 'a' }, 'filter.name', [])).to.throw(HttpProblem, /filter\.name\.\$in/);
  });
});

describe('history search totals and pages at scale', function () {
  this.timeout(30_000);
  const dir = mkdtempSync(join(tmpdir(), 'onego-sql-search-'));
  const db = openHistoryDatabase(join(dir, 'history.sqlite'));
  const finished = MAX_TOTAL_ITEMS + 40;
  const active = 30;
  before(() => {
    const insert = db.prepare(
      `INSERT INTO process_instances (process_instance_key, process_definition_key, process_definition_id, process_definition_version, state, start_date, end_date, tenant_id)
       VALUES (?, ?, ?, 1, ?, ?, ?, '<default>')`,
    );
    db.transaction(() => {
      for (let index = 0; index < finished + active; index += 1) {
        const isActive = index >= finished;
        // Start dates repeat (ten instances per millisecond) so paging must fall back on the key.
        const start = 1_700_000_000_000 + Math.floor(index / 10);
        insert.run(2251799813685248 + index, isActive ? 2 : 1, isActive ? 'waiting' : 'done', isActive ? 'ACTIVE' : 'COMPLETED', start, isActive ? null : start + 5);
      }
    })();
  });
  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts up to 10,000 matches and then says the total is a lower bound, as Camunda does', () => {
    const broad = sqlSearch(db, PROCESS_INSTANCE_SEARCH, { filter: { processDefinitionId: 'done', state: 'COMPLETED' }, page: { limit: 5 } });
    expect(broad.page).to.include({ totalItems: MAX_TOTAL_ITEMS, hasMoreTotalItems: true });
    expect(broad.items).to.have.length(5);
    const narrow = sqlSearch(db, PROCESS_INSTANCE_SEARCH, { filter: { processDefinitionId: 'waiting', state: 'ACTIVE' }, page: { limit: 5 } });
    expect(narrow.page).to.include({ totalItems: active, hasMoreTotalItems: false });
  });

  it('walks every instance once, in order, by cursors on a start-date sort with ties', () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = sqlSearch(db, PROCESS_INSTANCE_SEARCH, {
        filter: { processDefinitionKey: '2', state: 'ACTIVE' },
        sort: [{ field: 'startDate', order: 'desc' }],
        page: after ? { limit: 7, after } : { limit: 7 },
      });
      if (page.items.length === 0) break;
      seen.push(...page.items.map((item) => item.processInstanceKey));
      after = page.page.endCursor;
    }
    // ties on the start date go by key in the sort's direction (so the index gives the whole order)
    const expected = Array.from({ length: active }, (_, index) => finished + index)
      .sort((a, b) => Math.floor(b / 10) - Math.floor(a / 10) || b - a)
      .map((index) => String(2251799813685248 + index));
    expect(seen).to.deep.equal(expected);
  });

  /** Every item of a search, page by page along `after` cursors. */
  function walk(body: Record<string, unknown>, limit: number): { key: string; endDate?: string }[] {
    const seen: { key: string; endDate?: string }[] = [];
    let after: string | undefined;
    for (;;) {
      const page = sqlSearch(db, PROCESS_INSTANCE_SEARCH, { ...body, page: after ? { limit, after } : { limit } });
      if (page.items.length === 0) return seen;
      seen.push(...page.items.map((item) => ({ key: item.processInstanceKey, endDate: item.endDate })));
      after = page.page.endCursor;
    }
  }

  for (const order of ['ASC', 'DESC'] as const) {
    it(`sorts by endDate ${order} with running instances (no end) ${order === 'ASC' ? 'first' : 'last'}, as Camunda's RDBMS store, and pages through them by cursor`, () => {
      // given the running instances and the last finished ones (ends repeat: five per millisecond)
      const firstEnded = finished - 50;
      const filter = { startDate: { $gte: new Date(1_700_000_000_000 + firstEnded / 10).toISOString() } };
      // when
      const seen = walk({ filter, sort: [{ field: 'endDate', order }] }, 8);
      // then
      const ended = Array.from({ length: 50 }, (_, index) => firstEnded + index).map((index) => ({ index, end: 1_700_000_000_000 + Math.floor(index / 10) + 5 }));
      ended.sort((a, b) => (order === 'ASC' ? a.end - b.end || a.index - b.index : b.end - a.end || b.index - a.index));
      const running = Array.from({ length: active }, (_, index) => finished + index).sort((a, b) => (order === 'ASC' ? a - b : b - a));
      const endedKeys = ended.map((item) => String(2251799813685248 + item.index));
      const runningKeys = running.map((index) => String(2251799813685248 + index));
      expect(seen.map((item) => item.key)).to.deep.equal(order === 'ASC' ? [...runningKeys, ...endedKeys] : [...endedKeys, ...runningKeys]);
      expect(seen.filter((item) => item.endDate === undefined)).to.have.length(active);
    });
  }

  for (const order of ['ASC', 'DESC'] as const) {
    it(`pages back by cursor across running and finished instances on an endDate ${order} sort`, () => {
      const body = { filter: { startDate: { $gte: new Date(1_700_000_000_000 + (finished - 50) / 10).toISOString() } }, sort: [{ field: 'endDate', order }] };
      const pages: { keys: string[]; start?: string }[] = [];
      let after: string | undefined;
      for (;;) {
        const page = sqlSearch(db, PROCESS_INSTANCE_SEARCH, { ...body, page: after ? { limit: 7, after } : { limit: 7 } });
        if (page.items.length === 0) break;
        pages.push({ keys: page.items.map((item) => item.processInstanceKey), start: page.page.startCursor });
        after = page.page.endCursor;
      }
      expect(pages.length).to.be.greaterThan(5);
      for (let index = 1; index < pages.length; index += 1) {
        const back = sqlSearch(db, PROCESS_INSTANCE_SEARCH, { ...body, page: { limit: 7, before: pages[index].start } });
        expect(back.items.map((item) => item.processInstanceKey), `page ${index}`).to.deep.equal(pages[index - 1].keys);
      }
    });
  }

  it('walks the endDate index instead of sorting every match', () => {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
    const unfiltered = plan('SELECT * FROM process_instances ORDER BY end_date DESC, process_instance_key DESC LIMIT 50');
    const byState = plan("SELECT * FROM process_instances WHERE state = 'COMPLETED' ORDER BY end_date DESC, process_instance_key DESC LIMIT 50");
    expect(unfiltered).to.match(/process_instances_by_end/).and.not.match(/TEMP B-TREE/);
    expect(byState).to.match(/process_instances_by_state_end/).and.not.match(/TEMP B-TREE/);
  });

  it('pages backwards from a cursor to the same items it paged forwards through', () => {
    const body = { filter: { processDefinitionId: 'done' }, sort: [{ field: 'startDate', order: 'desc' }] };
    const first = sqlSearch(db, PROCESS_INSTANCE_SEARCH, { ...body, page: { limit: 4 } });
    const second = sqlSearch(db, PROCESS_INSTANCE_SEARCH, { ...body, page: { limit: 4, after: first.page.endCursor } });
    const back = sqlSearch(db, PROCESS_INSTANCE_SEARCH, { ...body, page: { limit: 4, before: second.page.startCursor } });
    expect(back.items.map((item) => item.processInstanceKey)).to.deep.equal(first.items.map((item) => item.processInstanceKey));
  });
});
