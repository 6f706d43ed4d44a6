import { expect } from 'chai';
import { serviceTaskProcess } from '../gateway/support/bpmn';
import { ADMIN, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

/**
 * Found by the search-filter fuzz (content-fuzz.test.ts): a history search with a 50,000-value `$in` answered 500
 * "too many SQL variables", and a filter or sort field named `constructor` or `__proto__` answered 500 "no such
 * column". Long lists are now one JSON parameter, and only a search's own fields are fields.
 */
describe('history searches with huge value lists and inherited field names (issue 13)', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  const keys: string[] = [];

  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    await bed.sdk(ADMIN).deployResources([{ name: 'sizes.bpmn', content: serviceTaskProcess('sizes', 'sizes-work') }] as never);
    for (let index = 0; index < 3; index++) keys.push(String((await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'sizes', variables: {} })).processInstanceKey));
  });
  after(async () => {
    await bed?.close();
  });

  const search = (body: unknown) => bed.call('POST', '/process-instances/search', { caller: ADMIN, body });
  const decoys = (count: number) => Array.from({ length: count }, (_, index) => String(1_000_000 + index));

  for (const size of [600, 50_000]) {
    it(`finds exactly the instances named in a ${size.toLocaleString('en')}-value $in, and all but them with $notIn`, async () => {
      // when
      const found = await search({ filter: { processDefinitionId: 'sizes', processInstanceKey: { $in: [...decoys(size - keys.length), ...keys] } } });
      const others = await search({ filter: { processDefinitionId: 'sizes', processInstanceKey: { $notIn: [...decoys(size - 1), keys[0]] } } });
      // then
      expect(found.status, await found.clone().text()).to.equal(200);
      expect(((await found.json()) as { items: { processInstanceKey: string }[] }).items.map((item) => item.processInstanceKey).sort()).to.deep.equal([...keys].sort());
      expect(others.status).to.equal(200);
      expect(((await others.json()) as { items: { processInstanceKey: string }[] }).items.map((item) => item.processInstanceKey).sort()).to.deep.equal(keys.slice(1).sort());
    });
  }

  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`refuses a filter and a sort on '${name}' with 400 naming the fields it knows`, async () => {
      // the body written by hand: an object literal's __proto__ key would not be an own key for JSON.stringify
      const response = await fetch(`${bed.url}/v2/process-instances/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` },
        body: `{"filter":{"${name}":{"$in":["1"]}}}`,
      });
      expect(response.status, await response.clone().text()).to.equal(400);
      expect(((await response.json()) as { detail: string }).detail).to.match(new RegExp(`filter\\.${name}' to be one of the .* filters \\[`));
      const sorted = await search({ sort: [{ field: name }] });
      expect(sorted.status).to.equal(400);
      expect(((await sorted.json()) as { detail: string }).detail).to.contain("Expected 'sort[0].field' to be one of [");
    });
  }
});
