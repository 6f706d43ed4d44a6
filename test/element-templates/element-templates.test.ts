import { expect } from 'chai';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkExpression } from '../../engine/feel/expression';
import { DEPARTMENTS } from '../../engine/identity/departments';
import { loadJobWorkers } from '../../workers/registry';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = path.join(root, 'element-templates');
const require = createRequire(import.meta.url);

interface TemplateProperty {
  id?: string;
  label?: string;
  type?: string;
  value?: string;
  placeholder?: string;
  optional?: boolean;
  choices?: { name: string; value: string }[];
  binding: { type: string; name?: string; property?: string; source?: string };
}

interface ElementTemplate {
  id: string;
  name: string;
  properties: TemplateProperty[];
}

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

/** Camunda's own JSON schema for Camunda 8 element templates, compiled with ajv (draft-07). */
function schemaValidator(): Validate {
  const Ajv = require('ajv') as new (options: object) => { compile(schema: object): Validate };
  const schema = require('@camunda/zeebe-element-templates-json-schema/resources/schema.json') as object;
  // The schema carries `errorMessage` texts for ajv-errors, which Modeler uses; plain ajv only needs to skip them.
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

async function loadTemplates(): Promise<{ file: string; template: ElementTemplate }[]> {
  const files = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(files.map(async (file) => ({ file, template: JSON.parse(await readFile(path.join(folder, file), 'utf8')) as ElementTemplate })));
}

const jobTypeOf = (template: ElementTemplate) => template.properties.find((property) => property.binding.type === 'zeebe:taskDefinition' && property.binding.property === 'type')?.value;
const hasChinese = (text: string | undefined) => /[\u4e00-\u9fff]/.test(text ?? '');

describe('element-templates/', () => {
  it('validates every template against @camunda/zeebe-element-templates-json-schema', async () => {
    const validate = schemaValidator();
    const templates = await loadTemplates();

    const failures = templates
      .filter(({ template }) => !validate(template))
      .map(({ file }) => `${file}: ${(validate.errors ?? []).slice(0, 3).map((error) => `${error.instancePath} ${error.message}`).join('; ')}`);

    expect(templates.length).to.be.greaterThan(0);
    expect(failures).to.deep.equal([]);
  });

  it('rejects a template the schema forbids (so the validation is real)', () => {
    const validate = schemaValidator();

    expect(validate({ name: '开始计时', id: 'x', appliesTo: ['bpmn:Task'], properties: [{ type: 'Dropdown', binding: { type: 'zeebe:input', name: 'a' } }] })).to.equal(false);
  });

  it('covers every registered job type, with unique template ids', async () => {
    const templates = await loadTemplates();
    const workers = await loadJobWorkers();

    const covered = new Set(templates.map(({ template }) => jobTypeOf(template)));

    expect(workers.map((worker) => worker.type).filter((type) => !covered.has(type))).to.deep.equal([]);
    expect(new Set(templates.map(({ template }) => template.id)).size).to.equal(templates.length);
  });

  it("binds exactly the worker's yup input fields, marking the optional ones optional", async () => {
    const workers = new Map((await loadJobWorkers()).map((worker) => [worker.type, worker]));

    for (const { file, template } of await loadTemplates()) {
      const worker = workers.get(jobTypeOf(template) ?? '');
      expect(worker, `${file} names a registered job type`).to.not.equal(undefined);
      const fields = (worker!.input.describe() as { fields: Record<string, { optional: boolean; nullable: boolean }> }).fields;
      const inputs = template.properties.filter((property) => property.binding.type === 'zeebe:input');

      expect(inputs.map((property) => property.binding.name).sort(), file).to.deep.equal(Object.keys(fields).sort());
      for (const property of inputs) {
        const field = fields[property.binding.name!]!;
        expect(property.optional === true, `${file} ${property.binding.name} optional`).to.equal(field.optional || field.nullable);
      }
    }
  });

  it('labels every template and visible field in Chinese', async () => {
    for (const { file, template } of await loadTemplates()) {
      expect(hasChinese(template.name), file).to.equal(true);
      for (const property of template.properties.filter((candidate) => candidate.type !== 'Hidden')) {
        expect(hasChinese(property.label), `${file} ${property.id}`).to.equal(true);
      }
    }
  });

  it('offers the three templates designers look for by name', async () => {
    const names = (await loadTemplates()).map(({ template }) => `${template.name} ${jobTypeOf(template)}`);

    expect(names).to.include.members(['开始计时 deadline-start', '黄灯提醒 light-notify', '红灯告警 light-notify', '电子监察记录 supervision-record']);
  });

  it('writes only FEEL that parses, in defaults, choices and placeholders', async () => {
    for (const { file, template } of await loadTemplates()) {
      const expressions = template.properties.flatMap((property) => [property.value, property.placeholder, ...(property.choices ?? []).map((choice) => choice.value)]);
      for (const expression of expressions.filter((text): text is string => typeof text === 'string' && text.startsWith('='))) {
        const result = checkExpression(expression);
        expect(result.ok, `${file}: ${expression} ${result.ok ? '' : result.failure}`).to.equal(true);
      }
    }
  });

  it('offers the departments of the directory, by Chinese name, wherever a department is chosen', async () => {
    const expected = DEPARTMENTS.map((department) => ({ name: department.name, value: `="${department.id}"` }));

    for (const { file, template } of await loadTemplates()) {
      for (const property of template.properties.filter((candidate) => ['department', 'recipientGroup'].includes(candidate.binding.name ?? ''))) {
        expect(property.choices, `${file} ${property.binding.name}`).to.deep.equal(expected);
      }
    }
  });
});
