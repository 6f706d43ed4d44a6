import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from 'feelin';

/*
 * There is no Camunda Forms JSON schema on npm (@bpmn-io/form-json-schema is not published), so this
 * file checks the part of the form-js schema our forms use, as Camunda 8.8's form-js reads it.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const formsFolder = path.join(root, 'forms');

const inputTypes = new Set(['textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'datetime', 'taglist']);
const layoutTypes = new Set(['text', 'spacer', 'separator', 'group', 'image', 'html']);
const optionTypes = new Set(['checklist', 'radio', 'select', 'taglist']);
const validateKeys = new Set(['required', 'minLength', 'maxLength', 'min', 'max', 'pattern', 'validationType']);
const keyPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const chinese = /[\u4e00-\u9fff]/;

type Component = Record<string, unknown>;

/** Every problem the form has against the form-js schema subset; empty when it is valid. */
function schemaProblems(fileName: string, form: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const expectThat = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expectThat(Number.isInteger(form.schemaVersion) && (form.schemaVersion as number) >= 1 && (form.schemaVersion as number) <= 19, 'schemaVersion must be an integer from 1 to 19');
  expectThat(form.executionPlatform === 'Camunda Cloud', 'executionPlatform must be "Camunda Cloud"');
  expectThat(typeof form.executionPlatformVersion === 'string' && form.executionPlatformVersion.startsWith('8.8'), 'executionPlatformVersion must be 8.8.x');
  expectThat(form.id === fileName.replace(/\.form$/, ''), 'id must equal the file name');
  expectThat(form.type === 'default', 'type must be "default"');
  expectThat(Array.isArray(form.components) && form.components.length > 0, 'components must be a non-empty array');
  const components = (Array.isArray(form.components) ? form.components : []) as Component[];
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const component of components) {
    const where = `component ${String(component.id)}`;
    expectThat(typeof component.id === 'string' && !ids.has(component.id), `${where}: id must be a unique string`);
    ids.add(String(component.id));
    const type = String(component.type);
    expectThat(inputTypes.has(type) || layoutTypes.has(type), `${where}: unknown type ${type}`);
    if (type === 'text') expectThat(typeof component.text === 'string' && chinese.test(component.text), `${where}: text must be Chinese text`);
    if (inputTypes.has(type)) {
      const key = component.key;
      expectThat(typeof key === 'string' && keyPattern.test(key) && !keys.has(key), `${where}: key must be a unique variable path`);
      keys.add(String(key));
      const label = type === 'datetime' ? component.dateLabel : component.label;
      expectThat(typeof label === 'string' && chinese.test(label), `${where}: needs a Chinese label`);
    }
    if (optionTypes.has(type)) {
      const values = component.values as Array<{ value: unknown; label: unknown }> | undefined;
      expectThat(Array.isArray(values) && values.length > 1, `${where}: needs at least two values`);
      for (const option of values ?? []) {
        expectThat(typeof option.value === 'string' && typeof option.label === 'string' && chinese.test(option.label), `${where}: option ${String(option.value)} needs a string value and a Chinese label`);
      }
      expectThat(new Set((values ?? []).map((option) => option.value)).size === (values ?? []).length, `${where}: option values must be unique`);
    }
    if (type === 'datetime') expectThat(['date', 'time', 'datetime'].includes(String(component.subtype)), `${where}: datetime needs a subtype`);
    if (component.validate !== undefined) {
      const validate = component.validate as Record<string, unknown>;
      for (const name of Object.keys(validate)) expectThat(validateKeys.has(name), `${where}: unknown validation ${name}`);
      if (validate.pattern !== undefined) {
        let compiles = true;
        try {
          new RegExp(String(validate.pattern));
        } catch {
          compiles = false;
        }
        expectThat(compiles, `${where}: pattern does not compile`);
      }
      for (const bound of ['minLength', 'maxLength', 'min', 'max']) {
        if (validate[bound] !== undefined) expectThat(typeof validate[bound] === 'number', `${where}: ${bound} must be a number`);
      }
    }
    if (component.conditional !== undefined) {
      const hide = (component.conditional as Record<string, unknown>).hide;
      expectThat(typeof hide === 'string' && hide.startsWith('='), `${where}: conditional.hide must be a FEEL expression`);
      if (typeof hide === 'string') {
        let parses = true;
        try {
          evaluate(hide.slice(1), {});
        } catch {
          parses = false;
        }
        expectThat(parses, `${where}: conditional.hide does not parse as FEEL`);
      }
    }
  }
  return problems;
}

async function engineeringForms(): Promise<Array<{ fileName: string; form: Record<string, unknown> }>> {
  const names = (await readdir(formsFolder)).filter((name) => name.startsWith('engineering-') && name.endsWith('.form')).sort();
  return Promise.all(names.map(async (fileName) => ({ fileName, form: JSON.parse(await readFile(path.join(formsFolder, fileName), 'utf8')) })));
}

describe('the engineering forms', () => {
  it('are eleven: four stage applications and seven staff forms', async () => {
    const forms = await engineeringForms();

    expect(forms.map((entry) => entry.fileName)).to.have.members([
      'engineering-stage1-application.form',
      'engineering-stage2-application.form',
      'engineering-stage3-application.form',
      'engineering-stage4-application.form',
      'engineering-acceptance-check.form',
      'engineering-department-review.form',
      'engineering-drawing-review.form',
      'engineering-joint-acceptance.form',
      'engineering-joint-acceptance-opinion.form',
      'engineering-rejection-approval.form',
      'engineering-commitment-verification.form',
    ]);
  });

  it('each conform to the Camunda Forms schema subset for 8.8', async () => {
    for (const { fileName, form } of await engineeringForms()) {
      expect(schemaProblems(fileName, form), fileName).to.deep.equal([]);
    }
  });

  it('each validate what they ask: every form has at least one required field', async () => {
    for (const { fileName, form } of await engineeringForms()) {
      const required = (form.components as Component[]).filter((component) => (component.validate as { required?: boolean } | undefined)?.required === true);
      expect(required.length, fileName).to.be.greaterThan(0);
    }
  });

  it('hide fields only behind conditions on fields of the same form', async () => {
    for (const { fileName, form } of await engineeringForms()) {
      const components = form.components as Component[];
      const keys = new Set(components.map((component) => String(component.key ?? '')).filter(Boolean));
      for (const component of components) {
        const hide = (component.conditional as { hide?: string } | undefined)?.hide;
        if (!hide) continue;
        const referenced = [...hide.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=/g)].map((match) => match[1]!);
        expect(referenced.length, `${fileName} ${String(component.id)}`).to.be.greaterThan(0);
        for (const name of referenced) expect(keys.has(name), `${fileName}: ${name} is not a field of the form`).to.equal(true);
      }
    }
  });

  it('offer exactly the decisions the model branches on', async () => {
    const forms = Object.fromEntries((await engineeringForms()).map(({ fileName, form }) => [fileName.replace(/\.form$/, ''), form.components as Component[]]));
    const options = (formId: string, key: string) =>
      ((forms[formId] ?? []).find((component) => component.key === key)?.values as Array<{ value: string }> | undefined)?.map((option) => option.value);

    expect(options('engineering-acceptance-check', 'acceptanceDecision')).to.deep.equal(['complete', 'tolerated', 'incomplete']);
    expect(options('engineering-department-review', 'reviewDecision')).to.deep.equal(['approved', 'defects', 'reject']);
    expect(options('engineering-drawing-review', 'drawingReviewDecision')).to.deep.equal(['pass', 'defects']);
    expect(options('engineering-joint-acceptance', 'inspectionResult')).to.deep.equal(['pass', 'rectify']);
    expect(options('engineering-rejection-approval', 'rejectionDecision')).to.deep.equal(['confirm', 'return']);
    expect(options('engineering-commitment-verification', 'verificationDecision')).to.deep.equal(['fulfilled', 'open']);
    expect(options('engineering-stage3-application', 'reviewMode')).to.deep.equal(['joint', 'commitment']);
    expect(options('engineering-stage1-application', 'flowchartCategory')).to.deep.equal([
      'government-investment',
      'social-investment-civil',
      'social-investment-industrial',
      'simple-low-risk',
    ]);
  });

  it('are caught by the schema check when broken', () => {
    const broken = {
      schemaVersion: 18,
      executionPlatform: 'Camunda Cloud',
      executionPlatformVersion: '8.8.0',
      id: 'other-id',
      type: 'default',
      components: [
        { id: 'a', type: 'textfield', key: 'x', label: 'no chinese', validate: { pattern: '(' } },
        { id: 'a', type: 'radio', key: 'x', label: '结论', values: [{ value: 'one', label: '一' }], conditional: { hide: 'x = 1' } },
        { id: 'd', type: 'checkbox', key: 'z', label: '勾选', conditional: { hide: '=not(' } },
        { id: 'c', type: 'slider', key: 'y', label: '滑块' },
      ],
    };

    const problems = schemaProblems('engineering-broken.form', broken);

    expect(problems).to.include.members([
      'id must equal the file name',
      'component a: needs a Chinese label',
      'component a: pattern does not compile',
      'component a: id must be a unique string',
      'component a: key must be a unique variable path',
      'component a: needs at least two values',
      'component a: conditional.hide must be a FEEL expression',
      'component c: unknown type slider',
      'component d: conditional.hide does not parse as FEEL',
    ]);
  });
});
