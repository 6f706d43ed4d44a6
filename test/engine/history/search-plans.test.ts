import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryDatabase } from '../../../engine/history';
import { CASE_FACT_CREATIONS } from '../../../engine/history/history-schema';
import { searchPlan, sqlSearch } from '../../../engine/history/sql-search';
import { HISTORY_SEARCH_CASES } from '../../../scripts/bench-history/search-cases';
import { VARIABLE_SEARCH } from '../../../engine/history/readers/variables';
import { fillSyntheticHistory, syntheticInstanceKey } from '../../../scripts/bench-history/synthetic-history';

/** Tables that grow with every case: reading one whole is what a search must never do. */
const BIG_TABLES = [
  'process_instances', 'element_instances', 'variables', 'variable_changes', 'instance_events', 'user_tasks', 'user_task_candidates', 'audit_log', 'jobs', 'incidents',
];

/*
 * SQLite plans without statistics (history never runs ANALYZE) assume every table is large, so the plans
 * on this small store are the plans of a store with millions of cases: checking them is cheap and
 * deterministic where timing a search is neither.
 */
describe('history searches Operate and Tasklist ask read indexes, not whole tables', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'onego-search-plans-'));
  const db = openHistoryDatabase(join(dir, 'history.sqlite'));
  const size = { finished: 3000, waiting: 400 };
  before(() => fillSyntheticHistory(db, size));
  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("one instance's event list (instance_event_log, the apps' history pages): every part found through the instance's key", () => {
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT * FROM instance_event_log WHERE process_instance_key = ? ORDER BY position').all('1') as { detail: string }[]).map((row) => row.detail);
    expect(plan.filter((line) => BIG_TABLES.some((table) => new RegExp(`\\bSCAN ${table}\\b`).test(line))), plan.join('\n')).to.deep.equal([]);
    expect(plan.filter((line) => /element_instances_by_process_instance/.test(line))).to.have.length(2);
    // the creations the variables rows hold: the instance's own variables by scope, its local ones by the partial index
    expect(plan.filter((line) => /SEARCH variables USING INDEX (variables_by_scope|variables_by_process_instance_local)\b/.test(line))).to.have.length(2);
  });

  it("the apps' case index: creations of case variables since a log position, and the newest, read from the partial index alone", () => {
    const facts = CASE_FACT_CREATIONS;
    for (const [sql, params] of [
      [`SELECT DISTINCT process_instance_key FROM variables INDEXED BY variables_case_facts_created WHERE created_position > ? AND created_position <= ? AND ${facts}`, [1, 2]],
      [`SELECT created_position FROM variables INDEXED BY variables_case_facts_created WHERE ${facts} ORDER BY created_position DESC LIMIT 1`, []],
    ] as const) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
      expect(plan.filter((line) => /^SEARCH variables USING INDEX variables_case_facts_created \(created_position[<>]/.test(line)), plan.join('\n')).to.have.length(1);
    }
  });

  for (const search of HISTORY_SEARCH_CASES) {
    const also = [search.indexOrdered ? 'the page in index order (no sort of every match)' : '', search.noMatchList ? 'no list of every match built per query' : ''].filter(Boolean);
    it(`${search.label}: no SCAN of a big table${also.length > 0 ? `, ${also.join(', ')}` : ''}`, () => {
      let found = 0;
      for (const body of search.bodies(size)) {
        const plan = searchPlan(db, search.spec, body, search.extra);
        // Without a filter, walking an index in the sort's order up to the page's end (and the count's cap) is
        // the plan; with one, any SCAN of a big table, even along an index, reads rows the filter rules out.
        const unfiltered = (body as { filter?: unknown }).filter === undefined;
        const scans = plan.filter((line) => BIG_TABLES.some((table) => new RegExp(`\\bSCAN ${table}\\b${unfiltered ? '(?! USING (COVERING )?INDEX)' : ''}`).test(line)));
        expect(scans, `${JSON.stringify(body)}\n${plan.join('\n')}`).to.deep.equal([]);
        if (search.noMatchList) expect(plan.filter((line) => /LIST SUBQUERY/.test(line)), `${JSON.stringify(body)}\n${plan.join('\n')}`).to.deep.equal([]);
        if (search.indexOrdered) {
          const sorts = plan.filter((line) => line.startsWith('page:') && /USE TEMP B-TREE FOR ORDER BY/.test(line));
          expect(sorts, `${JSON.stringify(body)}\n${plan.join('\n')}`).to.deep.equal([]);
        }
        found += sqlSearch(db, search.spec, body, search.extra).items.length;
      }
      // and the search answers: a plan of a query that finds nothing proves little
      expect(found).to.be.greaterThan(0);
    });
  }
});

describe('the variable search by processInstanceKey', function () {
  const dir = mkdtempSync(join(tmpdir(), 'onego-variable-instance-'));
  const db = openHistoryDatabase(join(dir, 'history.sqlite'));
  before(() => {
    fillSyntheticHistory(db, { finished: 3, waiting: 0 });
    // a local variable of case 0's service task (scope: the element instance, key + 2)
    db.prepare(`INSERT INTO variables (variable_key, name, value, scope_key, process_instance_key, tenant_id) VALUES (?, 'checked', 'true', ?, ?, '<default>')`).run(
      BigInt(syntheticInstanceKey(0)) + 15n, BigInt(syntheticInstanceKey(0)) + 2n, BigInt(syntheticInstanceKey(0)),
    );
  });
  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const names = (filter: unknown) => sqlSearch(db, VARIABLE_SEARCH, { filter: { processInstanceKey: filter } }).items.map((item) => `${item.processInstanceKey} ${item.name}`);

  it("finds an instance's own variables and its local ones, read through two indexes", () => {
    expect(names(syntheticInstanceKey(0))).to.have.members(
      ['applicantName', 'caseNo', 'dept', 'fee', 'registered', 'receiptNo', 'checked'].map((name) => `${syntheticInstanceKey(0)} ${name}`),
    );
    expect(searchPlan(db, VARIABLE_SEARCH, { filter: { processInstanceKey: syntheticInstanceKey(0) } }).join('\n')).to.match(/variables_by_process_instance_local/);
  });

  it('answers $in, $eq and $neq as before', () => {
    expect(names({ $in: [syntheticInstanceKey(0), syntheticInstanceKey(1)] })).to.have.length(13);
    expect(names({ $eq: syntheticInstanceKey(1) })).to.have.length(6);
    expect(names({ $neq: syntheticInstanceKey(0) })).to.have.length(12);
  });
});
