import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from 'feelin';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'forms', 'supervision.form');

interface Component {
  id: string;
  type: string;
  key?: string;
  label?: string;
  dateLabel?: string;
  text?: string;
  readonly?: boolean;
  values?: Array<{ label: string; value: string }>;
  validate?: { required?: boolean };
  conditional?: { hide?: string };
}

async function form(): Promise<{ id: string; type: string; schemaVersion: number; executionPlatform: string; executionPlatformVersion: string; components: Component[] }> {
  return JSON.parse(await readFile(file, 'utf8'));
}

function field(components: Component[], key: string): Component {
  const found = components.find((component) => component.key === key);
  if (!found) throw new Error(`expected a field with key ${key}`);
  return found;
}

/** Whether a field is shown for the given form data (form-js hides it when `hide` is true). */
function shown(component: Component, data: Record<string, unknown>): boolean {
  if (!component.conditional?.hide) return true;
  return evaluate(component.conditional.hide.slice(1), data).value !== true;
}

describe('the 督办 (supervision) form', () => {
  it('is a Camunda 8.8 form with the id the contract names', async () => {
    const supervision = await form();
    expect(supervision).to.include({ id: 'supervision', type: 'default', executionPlatform: 'Camunda Cloud', executionPlatformVersion: '8.8.0' });
    expect(supervision.schemaVersion).to.be.a('number');
    const ids = supervision.components.map((component) => component.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('shows the case and the overdue step read-only, from the task variables', async () => {
    const { components } = await form();
    for (const key of ['caseTitle', 'caseId', 'step']) expect(field(components, key).readonly, key).to.equal(true);
    const heading = components.find((component) => component.type === 'text');
    expect(heading?.text).to.include('{{deadline.dueAt}}').and.to.include('{{caseTitle}}');
  });

  it('asks for a required 督办意见 and a required measure out of the four', async () => {
    const { components } = await form();
    expect(field(components, 'supervisionOpinion')).to.deep.include({ type: 'textarea', label: '督办意见' });
    expect(field(components, 'supervisionOpinion').validate?.required).to.equal(true);
    const measure = field(components, 'supervisionMeasure');
    expect(measure.type).to.equal('select');
    expect(measure.validate?.required).to.equal(true);
    expect(measure.values?.map((option) => option.label)).to.deep.equal(['约谈', '限期办结', '通报', '其他']);
  });

  it('requires a new promised date only when 限期办结 is chosen', async () => {
    const { components } = await form();
    const promised = field(components, 'promisedCompletionAt');
    expect(promised).to.deep.include({ type: 'datetime', subtype: 'datetime', dateLabel: '承诺办结日期' });
    expect(promised.validate?.required).to.equal(true);
    // form-js validates only the fields it shows, so "required" applies when the condition shows it
    expect(shown(promised, { supervisionMeasure: 'deadline' })).to.equal(true);
    for (const other of ['interview', 'bulletin', 'other', null]) expect(shown(promised, { supervisionMeasure: other }), String(other)).to.equal(false);
  });

  it('asks what the other measure is only when 其他 is chosen', async () => {
    const { components } = await form();
    const other = field(components, 'otherMeasure');
    expect(shown(other, { supervisionMeasure: 'other' })).to.equal(true);
    expect(shown(other, { supervisionMeasure: 'deadline' })).to.equal(false);
  });

  it('labels every field in Chinese', async () => {
    const { components } = await form();
    for (const component of components.filter((entry) => entry.key)) {
      expect(component.label ?? component.dateLabel, component.id).to.match(/[\u4e00-\u9fff]/);
    }
  });
});
