import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { startRestTestBed, type RestTestBed } from '../rest-test-bed';

const NOW = { consistency: { waitUpToMs: 0 } } as never;
const AUDITOR = { username: 'sun.shen', password: 'onego-demo' };
const STAFF = { username: 'zhang.san', password: 'onego-demo' };

const TIME_LIMITS_DMN = new URL('../../../../../bpmn/engineering-time-limits.dmn', import.meta.url);

const FEE_DMN = (fee: number) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="fees" name="收费" namespace="http://onego">
  <decision id="fee" name="工本费">
    <decisionTable id="table" hitPolicy="FIRST">
      <input id="in" label="类型"><inputExpression id="ie" typeRef="string"><text>kind</text></inputExpression></input>
      <output id="out" name="fee" typeRef="number" />
      <rule id="r1"><inputEntry id="e1"><text>"licence"</text></inputEntry><outputEntry id="o1"><text>${fee}</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="discount" name="减免">
    <informationRequirement id="req"><requiredDecision href="#fee" /></informationRequirement>
    <literalExpression id="lit"><text>fee * 0.5</text></literalExpression>
  </decision>
</definitions>`;

const FORM = (label: string) => JSON.stringify({ schemaVersion: 18, id: 'fee-form', type: 'default', components: [{ type: 'textfield', id: 'f', key: 'kind', label }] });

describe('decision definitions, decision requirements and forms over REST (Camunda 8.8 shapes)', function () {
  this.timeout(30_000);
  let bed: RestTestBed;

  before(async function () {
    bed = await startRestTestBed({ auth: 'basic' });
    const engine = bed.server.engine;
    await engine.deployResources([{ name: 'fees.dmn', content: Buffer.from(FEE_DMN(5)) }, { name: 'fee-form.form', content: Buffer.from(FORM('类型')) }]);
    await engine.deployResources([{ name: 'fees.dmn', content: Buffer.from(FEE_DMN(10)) }, { name: 'fee-form.form', content: Buffer.from(FORM('收费类型')) }]);
    await engine.deployResources([{ name: 'engineering-time-limits.dmn', content: await readFile(TIME_LIMITS_DMN) }]);
  });

  after(async function () {
    await bed?.close();
  });

  it('searches decision definitions by id and version, answering the schema of the official client', async function () {
    const camunda = bed.orchestration(AUDITOR);
    const all = await camunda.searchDecisionDefinitions({ filter: { decisionDefinitionId: 'fee' }, sort: [{ field: 'version', order: 'DESC' }] } as never, NOW);
    expect(all.items!.map((item) => [item.name, item.version, item.decisionRequirementsId])).to.deep.equal([
      ['工本费', 2, 'fees'],
      ['工本费', 1, 'fees'],
    ]);
    expect(Number(all.page.totalItems)).to.equal(2);

    const firstVersions = await camunda.searchDecisionDefinitions({ filter: { version: 1 }, sort: [{ field: 'decisionDefinitionId' }] } as never, NOW);
    expect(firstVersions.items!.map((item) => item.decisionDefinitionId)).to.deep.equal(['discount', 'engineering-time-limits', 'fee']);

    // Camunda 8.9's isLatestVersion, which the admin app's "latest versions" view uses
    const latest = await bed.call('POST', '/decision-definitions/search', { caller: AUDITOR, body: { filter: { isLatestVersion: true }, sort: [{ field: 'decisionDefinitionId' }] } });
    const { items } = (await latest.json()) as { items: { decisionDefinitionId: string; version: number }[] };
    expect(items.map((item) => `${item.decisionDefinitionId} v${item.version}`)).to.deep.equal(['discount v2', 'engineering-time-limits v1', 'fee v2']);
  });

  it('gets one decision definition and the XML of the DMN resource it was deployed in', async function () {
    const camunda = bed.orchestration(AUDITOR);
    const [latest] = (await camunda.searchDecisionDefinitions({ filter: { decisionDefinitionId: 'discount', version: 2 } } as never, NOW)).items!;
    const decision = await camunda.getDecisionDefinition({ decisionDefinitionKey: latest.decisionDefinitionKey } as never, NOW);
    expect(decision).to.include({ decisionDefinitionId: 'discount', name: '减免', version: 2, decisionRequirementsKey: latest.decisionRequirementsKey });

    const xml = await bed.call('GET', `/decision-definitions/${latest.decisionDefinitionKey}/xml`, { caller: AUDITOR });
    expect(xml.headers.get('content-type')).to.match(/^text\/xml/);
    const text = await xml.text();
    expect(text).to.include('<decision id="discount" name="减免">').and.include('<text>10</text>');
  });

  it('searches and gets the decision requirements graphs with their resource and XML', async function () {
    const camunda = bed.orchestration(AUDITOR);
    const graphs = await camunda.searchDecisionRequirements({ filter: { decisionRequirementsId: 'fees' }, sort: [{ field: 'version' }] } as never, NOW);
    expect(graphs.items!.map((item) => [item.decisionRequirementsName, item.version, item.resourceName])).to.deep.equal([
      ['收费', 1, 'fees.dmn'],
      ['收费', 2, 'fees.dmn'],
    ]);
    const first = graphs.items![0];
    const graph = await camunda.getDecisionRequirements({ decisionRequirementsKey: first.decisionRequirementsKey } as never, NOW);
    expect(graph).to.deep.equal(first);
    const xml = await (await bed.call('GET', `/decision-requirements/${first.decisionRequirementsKey}/xml`, { caller: AUDITOR })).text();
    expect(xml).to.include('<text>5</text>');
  });

  it('answers 404 for an unknown key and 400 for a key that is not a number', async function () {
    const missing = await bed.call('GET', '/decision-definitions/123456789', { caller: AUDITOR });
    expect(missing.status).to.equal(404);
    expect(((await missing.json()) as { detail: string }).detail).to.include("'123456789' not found");
    expect((await bed.call('GET', '/decision-requirements/abc/xml', { caller: AUDITOR })).status).to.equal(400);
    expect((await bed.call('POST', '/decision-definitions/search', { caller: AUDITOR, body: { filter: { version: 'one' } } })).status).to.equal(400);
  });

  it('keeps department staff out of the decision definitions', async function () {
    const refused = await bed.call('POST', '/decision-definitions/search', { caller: STAFF, body: {} });
    expect(refused.status).to.equal(403);
  });

  it("gets a form by key (Camunda's GET /forms/{formKey}) and lists form versions through the OneGo form search", async function () {
    const found = await bed.call('POST', '/onego/forms/search', { caller: AUDITOR, body: { filter: { formId: 'fee-form' }, sort: [{ field: 'version', order: 'DESC' }] } });
    expect(found.status).to.equal(200);
    const { items, page } = (await found.json()) as { items: { formKey: string; version: number; isLatestVersion: boolean }[]; page: { totalItems: number } };
    expect(items.map((item) => [item.version, item.isLatestVersion])).to.deep.equal([
      [2, true],
      [1, false],
    ]);
    expect(page.totalItems).to.equal(2);

    const form = await bed.call('GET', `/forms/${items[1].formKey}`, { caller: STAFF });
    const body = (await form.json()) as { formId: string; version: number; formKey: string; schema: { components: { label: string }[] } };
    expect(body).to.include({ formId: 'fee-form', version: 1, formKey: items[1].formKey });
    expect(body.schema.components[0].label).to.equal('类型');
    expect((await bed.call('GET', '/forms/42', { caller: STAFF })).status).to.equal(404);

    const latestOnly = (await (await bed.call('POST', '/onego/forms/search', { caller: AUDITOR, body: { filter: { isLatestVersion: true } } })).json()) as { items: { version: number }[] };
    expect(latestOnly.items.map((item) => item.version)).to.deep.equal([2]);
  });
});
