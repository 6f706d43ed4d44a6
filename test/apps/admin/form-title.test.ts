import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { formTitleOf } from '../../../apps/public/admin/form-title';

describe("a form's title for the 已部署表单 page", function () {
  it('reads the first Markdown heading of a text component', function () {
    expect(formTitleOf({ components: [{ type: 'text', text: '## 材料指导与预审\n申请企业：{{enterpriseName}}' }] })).to.equal('材料指导与预审');
  });

  it("leaves out what each case fills in, and the punctuation before it", function () {
    expect(formTitleOf({ components: [{ type: 'text', text: '## 受理审查：{{stageName}}\n项目：{{projectName}}' }] })).to.equal('受理审查');
    expect(formTitleOf({ components: [{ type: 'text', text: '## 督办：{{step}}' }] })).to.equal('督办');
  });

  it('has no title for a form without a heading, or a schema that is not a form', function () {
    expect(formTitleOf({ components: [{ type: 'textfield', key: 'caseTitle', label: '案件名称' }, { type: 'text', text: '说明文字' }] })).to.equal(undefined);
    expect(formTitleOf(null)).to.equal(undefined);
    expect(formTitleOf({ components: 'x' })).to.equal(undefined);
  });

  it('names most forms in forms/ in Chinese', async function () {
    const files = (await readdir(new URL('../../../forms/', import.meta.url))).filter((name) => name.endsWith('.form'));
    const titles = await Promise.all(files.map(async (name) => formTitleOf(JSON.parse(await readFile(new URL(`../../../forms/${name}`, import.meta.url), 'utf8')))));
    const named = titles.filter((title): title is string => Boolean(title));
    expect(named.length, 'forms with a heading').to.be.greaterThan(files.length / 2);
    for (const title of named) expect(title).to.match(/\p{Script=Han}/u).and.not.include('{{');
  });
});
