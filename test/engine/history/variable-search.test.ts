import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { VARIABLE_VALUE_INDEX_CHARS, variableValueFilter } from '../../../engine/history/readers/variables';
import { straightThroughProcess } from '../gateway/support/bpmn';

async function post(server: EngineServer, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.restUrl}/v2${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

type Item = { name: string; value: string; processInstanceKey: string; isTruncated: boolean };

describe('variable search by name and value', function () {
  this.timeout(60_000);
  let dataDir: string;
  let server: EngineServer | undefined;
  /** Instance key by applicant, for the cases started below. */
  const instanceOf = new Map<string, string>();
  // Two values longer than the indexed prefix that share it: only the whole value tells them apart.
  const sharedPrefix = '张'.repeat(VARIABLE_VALUE_INDEX_CHARS);
  const longA = `${sharedPrefix}甲`;
  const longB = `${sharedPrefix}乙`;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-variable-search-'));
    server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir });
    const form = new FormData();
    form.append('resources', new Blob([straightThroughProcess('permit')]), 'permit.bpmn');
    expect((await fetch(`${server.restUrl}/v2/deployments`, { method: 'POST', body: form })).status).to.equal(200);
    for (const applicant of ['王芳', '李雷', '韩梅梅', longA, longB]) {
      const started = await post(server, '/process-instances', { processDefinitionId: 'permit', variables: { applicantName: applicant, copies: 2 } });
      expect(started.status).to.equal(200);
      instanceOf.set(applicant, String(started.json.processInstanceKey));
    }
  });
  after(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function search(filter: unknown): Promise<Item[]> {
    const answer = await post(server!, '/variables/search', { filter, page: { limit: 50 } });
    expect(answer.status, JSON.stringify(answer.json)).to.equal(200);
    expect((answer.json.page as { totalItems: number }).totalItems).to.equal((answer.json.items as unknown[]).length);
    return answer.json.items as Item[];
  }

  it('finds the one variable whose JSON value equals the filter, by name', async () => {
    const found = await search({ name: 'applicantName', value: JSON.stringify('李雷') });
    expect(found.map((item) => item.processInstanceKey)).to.deep.equal([instanceOf.get('李雷')]);
    expect(await search({ name: 'applicantName', value: { $eq: JSON.stringify('王芳') } })).to.have.length(1);
    expect(await search({ name: 'copies', value: '2' })).to.have.length(5);
    expect(await search({ name: 'applicantName', value: JSON.stringify('无此人') })).to.deep.equal([]);
  });

  it('tells apart long values that share the indexed prefix, and finds them with $in', async () => {
    const a = await search({ name: 'applicantName', value: JSON.stringify(longA) });
    expect(a.map((item) => item.processInstanceKey)).to.deep.equal([instanceOf.get(longA)]);
    const both = await search({ name: 'applicantName', value: { $in: [JSON.stringify(longB), JSON.stringify('韩梅梅')] } });
    expect(both.map((item) => item.processInstanceKey)).to.have.members([instanceOf.get(longB), instanceOf.get('韩梅梅')]);
    // a value cut to the prefix alone is a different value
    expect(await search({ name: 'applicantName', value: JSON.stringify(sharedPrefix) })).to.deep.equal([]);
  });

  it('keeps the other operators on the whole value ($like, $neq, $notIn)', async () => {
    expect((await search({ name: 'applicantName', value: { $like: '*乙"' } })).map((item) => item.processInstanceKey)).to.deep.equal([instanceOf.get(longB)]);
    expect(await search({ name: 'applicantName', value: { $neq: JSON.stringify('李雷') } })).to.have.length(4);
    expect(await search({ name: 'applicantName', value: { $notIn: [JSON.stringify(longA), JSON.stringify(longB)] } })).to.have.length(3);
  });

  it('is answered through the (name, value prefix) index, not by reading every variable of the name', () => {
    const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    try {
      for (const filter of [JSON.stringify('李雷'), { $eq: '"x"' }, { $in: ['"x"', '"y"'] }]) {
        const params: unknown[] = ['applicantName'];
        const condition = variableValueFilter(filter, 'filter.value', params);
        const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT variable_key FROM variables WHERE name = ? AND ${condition}`).all(...params) as { detail: string }[];
        expect(plan.map((step) => step.detail).join(' | ')).to.match(/USING INDEX variables_by_name_value \(name=\? AND <expr>=\?\)/);
      }
    } finally {
      db.close();
    }
  });
});
