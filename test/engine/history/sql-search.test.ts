import { expect } from 'chai';
import Database from 'better-sqlite3';
import { matchesDate, matchesInteger, matchesString } from '../../../engine/gateway/rest/search';
import { HttpProblem } from '../../../engine/gateway/rest/problem';
import { filterCondition, likeToGlob } from '../../../engine/history/sql-search';

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
