import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryDatabase } from '../../../engine/history';
import { USER_TASK_SEARCH } from '../../../engine/history/readers/user-tasks';
import { searchPlan, sqlSearch } from '../../../engine/history/sql-search';
import { fillSyntheticHistory } from '../../../scripts/bench-history/synthetic-history';

/*
 * A user-task search by one candidate group (or user) sorted by key reads the candidates' primary key in key
 * order instead of listing every task of the group first. The same filter written with a repeated `$in`
 * value is not driven (several values), so it is the reference: both must answer the same pages, counts and
 * cursors, whatever else the filter holds.
 */
describe('a user-task search by one candidate group, read from the candidates index in key order', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'onego-driven-search-'));
  const db = openHistoryDatabase(join(dir, 'history.sqlite'));
  before(() => {
    fillSyntheticHistory(db, { finished: 40, waiting: 400 });
    // some tasks done, one in both groups, a few with a candidate user
    db.exec("UPDATE user_tasks SET state = 'COMPLETED' WHERE user_task_key % 3 = 0");
    const keys = (db.prepare("SELECT CAST(user_task_key AS TEXT) AS key FROM user_task_candidates WHERE candidate = 'dept-a' ORDER BY user_task_key LIMIT 6").all() as { key: string }[]).map((row) => row.key);
    db.prepare("INSERT INTO user_task_candidates (user_task_key, kind, candidate) VALUES (?, 'group', 'dept-b')").run(keys[0]);
    for (const key of keys.slice(1, 5)) db.prepare("INSERT INTO user_task_candidates (user_task_key, kind, candidate) VALUES (?, 'user', 'zhang.san')").run(key);
  });
  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const keysOf = (result: ReturnType<typeof sqlSearch>) => result.items.map((item) => (item as { userTaskKey: string }).userTaskKey);

  const cases: { label: string; filter: Record<string, unknown>; reference: Record<string, unknown> }[] = [
    { label: 'a group as a plain value', filter: { candidateGroup: 'dept-a' }, reference: { candidateGroup: { $in: ['dept-a', 'dept-a'] } } },
    { label: 'a group with $eq and a state', filter: { candidateGroup: { $eq: 'dept-b' }, state: 'CREATED' }, reference: { candidateGroup: { $in: ['dept-b', 'dept-b'] }, state: 'CREATED' } },
    { label: "one department with $in (Tasklist's list)", filter: { candidateGroup: { $in: ['dept-b'] }, state: 'COMPLETED' }, reference: { candidateGroup: { $in: ['dept-b', 'dept-b'] }, state: 'COMPLETED' } },
    { label: 'a candidate user', filter: { candidateUser: 'zhang.san' }, reference: { candidateUser: { $in: ['zhang.san', 'zhang.san'] } } },
    { label: 'a group nobody is in', filter: { candidateGroup: 'nobody' }, reference: { candidateGroup: { $in: ['nobody', 'nobody'] } } },
  ];

  for (const { label, filter, reference } of cases) {
    it(`${label}: the same pages, totals and cursors as the search that lists the group's tasks`, () => {
      for (const page of [{ limit: 7 }, { limit: 7, from: 5 }, { limit: 1000 }]) {
        const driven = sqlSearch(db, USER_TASK_SEARCH, { filter, page });
        const listed = sqlSearch(db, USER_TASK_SEARCH, { filter: reference, page });
        expect(driven, JSON.stringify(page)).to.deep.equal(listed);
      }
      const first = sqlSearch(db, USER_TASK_SEARCH, { filter, page: { limit: 4 } });
      if (first.items.length === 0) return;
      const after = sqlSearch(db, USER_TASK_SEARCH, { filter, page: { limit: 4, after: first.page.endCursor } });
      expect(after).to.deep.equal(sqlSearch(db, USER_TASK_SEARCH, { filter: reference, page: { limit: 4, after: first.page.endCursor } }));
      const before = sqlSearch(db, USER_TASK_SEARCH, { filter, page: { limit: 4, before: after.page.startCursor } });
      expect(keysOf(before)).to.deep.equal(keysOf(first));
    });
  }

  it('counts a whole group from the index alone, and a page reads only its own rows', () => {
    const plan = searchPlan(db, USER_TASK_SEARCH, { filter: { candidateGroup: 'dept-a' }, page: { limit: 50 } });
    expect(plan.filter((line) => line.startsWith('count:') && /user_tasks/.test(line)), plan.join('\n')).to.deep.equal([]);
    expect(plan.filter((line) => /LIST SUBQUERY|TEMP B-TREE/.test(line)), plan.join('\n')).to.deep.equal([]);
    const all = sqlSearch(db, USER_TASK_SEARCH, { filter: { candidateGroup: 'dept-a' }, page: { limit: 1000 } });
    expect(all.page.totalItems).to.equal(all.items.length).and.to.be.greaterThan(50);
    expect(keysOf(all)).to.deep.equal([...keysOf(all)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
  });

  it('sorted by another field, or with several groups, searches as before (the group as a condition)', () => {
    const sorted = sqlSearch(db, USER_TASK_SEARCH, { filter: { candidateGroup: 'dept-a' }, sort: [{ field: 'creationDate', order: 'DESC' }], page: { limit: 5 } });
    expect(sorted.items).to.have.length(5);
    const both = sqlSearch(db, USER_TASK_SEARCH, { filter: { candidateGroup: { $in: ['dept-a', 'dept-b'] } }, page: { limit: 1000 } });
    // the task in both groups once
    expect(new Set(keysOf(both)).size).to.equal(both.items.length);
  });

  it('refuses a bad group value as before', () => {
    expect(() => sqlSearch(db, USER_TASK_SEARCH, { filter: { candidateGroup: { $gt: 'x' } } })).to.throw(/operators/);
    expect(() => sqlSearch(db, USER_TASK_SEARCH, { filter: { candidateGroup: ['dept-a'] } })).to.throw(/string or an operator object/);
  });
});
