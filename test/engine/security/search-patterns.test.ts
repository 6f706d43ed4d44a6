import { expect } from 'chai';
import { likeMatches } from '../../../engine/gateway/rest/like-pattern';
import { ADMIN, AUDITOR, ZHANG_SAN, licenceReviewBpmn, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

/** `*a` ten times then `*b`: as a regular expression against forty `a`s it backtracked for over a minute. */
const BACKTRACKING = `${'*a'.repeat(10)}*b`;

describe('`$like` search patterns are matched without backtracking (issue 13)', function () {
  this.timeout(60_000);

  describe('the in-memory matcher', () => {
    const cases: [string, string, boolean][] = [
      ['market*', 'market-regulation', true],
      ['*regulation', 'market-regulation', true],
      ['m?rket*', 'market-regulation', true],
      ['a\\*b', 'a*b', true],
      ['a\\*b', 'axb', false],
      ['营业?照*', '营业执照审查', true],
      ['?', '𠀀', true],
      ['', '', true],
      ['*', '', true],
      ['?*', '', false],
      ['a*b*c', 'aXbYc', true],
      ['a*b*c', 'aXbYd', false],
      [BACKTRACKING, 'a'.repeat(40), false],
      [`${'*'.repeat(80)}9`, '事项 19', true],
      [`${'*?'.repeat(80)}x`, 'y'.repeat(5_000), false],
    ];
    for (const [pattern, text, expected] of cases) {
      it(`${JSON.stringify(pattern.length > 30 ? `${pattern.slice(0, 30)}…` : pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}… (${text.length})` : text)}`, () => {
        expect(likeMatches(pattern, text)).to.equal(expected);
      });
    }
  });

  describe('over REST', () => {
    let bed: RestTestBed;
    before(async () => {
      bed = await startRestTestBed({ auth: 'basic' });
      await bed.sdk(ADMIN).deployResources([{ name: 'licence-review.bpmn', content: licenceReviewBpmn() }] as never);
    });
    after(async () => {
      await bed?.close();
    });

    it('answers a clerk’s backtracking process-definition searches (in memory) while another caller is answered', async () => {
      // given: ten hostile searches at once
      const searches = Array.from({ length: 10 }, () =>
        bed.call('POST', '/process-definitions/search', { caller: ZHANG_SAN, body: { filter: { name: { $like: BACKTRACKING } } } }),
      );
      // when: someone else asks for the topology meanwhile
      const topology = await bed.call('GET', '/topology', { caller: AUDITOR });
      const answers = await Promise.all(searches);
      // then
      expect(topology.status).to.equal(200);
      for (const answer of answers) {
        expect(answer.status).to.equal(200);
        expect(((await answer.json()) as { items: unknown[] }).items).to.deep.equal([]);
      }
      const matching = await bed.call('POST', '/process-definitions/search', { caller: ZHANG_SAN, body: { filter: { name: { $like: '营业*审?' } } } });
      expect(((await matching.json()) as { items: { processDefinitionId: string }[] }).items.map((item) => item.processDefinitionId)).to.deep.equal(['licence-review']);
    });

    it('answers 80-star history searches (SQL GLOB) for user tasks and instances, and a non-string pattern with a 400 naming it', async () => {
      const pattern = `${'*'.repeat(80)}9`;
      const tasks = await bed.call('POST', '/user-tasks/search', { caller: ZHANG_SAN, body: { filter: { name: { $like: pattern } } } });
      const instances = await bed.call('POST', '/process-instances/search', { caller: AUDITOR, body: { filter: { processDefinitionName: { $like: BACKTRACKING } } } });
      const wrong = await bed.call('POST', '/process-instances/search', { caller: AUDITOR, body: { filter: { processDefinitionName: { $like: 42 } } } });

      expect(tasks.status).to.equal(200);
      expect(instances.status).to.equal(200);
      expect(wrong.status).to.equal(400);
      expect(((await wrong.json()) as { detail: string }).detail).to.match(/processDefinitionName\.\$like' to be a string/);
    });
  });
});
