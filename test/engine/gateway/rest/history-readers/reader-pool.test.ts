import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryDatabase, sqlSearch } from '../../../../../engine/history';
import { PROCESS_INSTANCE_SEARCH } from '../../../../../engine/history/readers/process-instances';
import { statisticsByError } from '../../../../../engine/history/statistics';
import { HistoryReaderPool } from '../../../../../engine/gateway/rest/history-readers/reader-pool';
import { HttpProblem } from '../../../../../engine/gateway/rest/problem';

describe('history reader threads', function () {
  this.timeout(30_000);
  let dir: string;
  let pool: HistoryReaderPool;
  const file = () => join(dir, 'history.sqlite');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onego-readers-'));
    const db = openHistoryDatabase(file());
    const insert = db.prepare(
      `INSERT INTO process_instances (process_instance_key, process_definition_key, process_definition_id, process_definition_name, process_definition_version, state, start_date, end_date, tenant_id)
       VALUES (?, 1, ?, '事项', 1, ?, ?, NULL, '<default>')`,
    );
    for (let index = 0; index < 30; index++) insert.run(5000 + index, index % 2 === 0 ? 'enterprise-opening' : 'talent-card', index % 3 === 0 ? 'COMPLETED' : 'ACTIVE', 1_700_000_000_000 + index);
    const decision = db.prepare(
      `INSERT INTO decision_definitions (decision_definition_key, decision_definition_id, name, version, decision_requirements_key, decision_requirements_id, tenant_id, deleted)
       VALUES (?, ?, '材料核验', ?, ?, 'materials', '<default>', ?)`,
    );
    decision.run(7001, 'material-check', 1, 7000, 0);
    decision.run(7011, 'material-check', 2, 7010, 0);
    decision.run(7021, 'material-check', 3, 7020, 1);
    decision.run(7002, 'fee-check', 1, 7000, 0);
    db.close();
    pool = new HistoryReaderPool(file(), 2);
  });
  after(async () => {
    await pool?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a registered search exactly as the engine thread would', async () => {
    // given
    const body = { filter: { processDefinitionId: 'talent-card', state: 'ACTIVE' }, sort: [{ field: 'startDate', order: 'DESC' }], page: { limit: 4 } };
    const db = openHistoryDatabase(file(), { readonly: true });
    const onThisThread = sqlSearch(db, PROCESS_INSTANCE_SEARCH, body);
    db.close();
    // when
    const onReader = await pool.run({ op: 'search', name: 'PROCESS_INSTANCE_SEARCH', body });
    // then
    expect(onReader).to.deep.equal(onThisThread);
    expect(onThisThread.items).to.have.length(4);
  });

  it('answers many concurrent gets, each with its own item', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => pool.run({ op: 'get', name: 'PROCESS_INSTANCE_SEARCH', key: String(5000 + index) })));
    expect(answers.map((answer) => (answer as { processInstanceKey: string }).processInstanceKey)).to.deep.equal(Array.from({ length: 20 }, (_, index) => String(5000 + index)));
  });

  it('passes a bad filter’s 400 through with its message, and runs statistics by name', async () => {
    const refused = await pool.run({ op: 'search', name: 'PROCESS_INSTANCE_SEARCH', body: { filter: { nonsense: 1 } } }).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(HttpProblem);
    expect((refused as HttpProblem).status).to.equal(400);
    expect((refused as HttpProblem).message).to.match(/filter\.nonsense/);
    const statistics = await pool.run({ op: 'call', name: statisticsByError.name, args: [{}] });
    expect(statistics).to.have.property('items').that.deep.equals([]);
  });

  it('searches decision definitions on a reader thread, marking the latest undeleted version of each', async () => {
    // when
    const latest = (await pool.run({ op: 'search', name: 'DECISION_DEFINITION_SEARCH', body: { filter: { isLatestVersion: true }, sort: [{ field: 'decisionDefinitionId' }] } })) as {
      items: { decisionDefinitionId: string; version: number; isLatestVersion: boolean }[];
    };
    const liked = (await pool.run({ op: 'search', name: 'DECISION_DEFINITION_SEARCH', body: { filter: { decisionDefinitionId: { $like: 'material*' } } } })) as { items: { version: number }[] };
    const keys = await pool.run({ op: 'call', name: 'decisionRequirementsKeys', args: [] });
    // then: version 3 is deleted, so version 2 is the latest material check
    expect(latest.items.map((item) => [item.decisionDefinitionId, item.version, item.isLatestVersion])).to.deep.equal([
      ['fee-check', 1, true],
      ['material-check', 2, true],
    ]);
    expect(liked.items.map((item) => item.version)).to.deep.equal([1, 2]);
    expect(keys).to.deep.equal(['7000', '7010']);
  });

  it('runs its threads at nice 10 on Linux, so the engine thread gets the CPU first on a busy machine', async function () {
    if (process.platform !== 'linux') this.skip();
    // given: the pool has answered, so its threads are up
    await pool.run({ op: 'get', name: 'PROCESS_INSTANCE_SEARCH', key: '5000' });
    // when: the nice value of every thread of this process (field 19 of /proc/self/task/<tid>/stat)
    const nices = readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });
    // then: the two readers at 10
    expect(nices.filter((nice) => nice === 10).length).to.be.at.least(2);
  });

  it('answers 503 once closed', async () => {
    const closed = new HistoryReaderPool(file(), 1);
    await closed.close();
    const refused = await closed.run({ op: 'get', name: 'PROCESS_INSTANCE_SEARCH', key: '5000' }).catch((error: unknown) => error);
    expect((refused as HttpProblem).status).to.equal(503);
  });
});
