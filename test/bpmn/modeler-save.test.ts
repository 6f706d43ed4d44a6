import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The `.bpmn` files are the source designers edit in Camunda Modeler. Modeler saves through bpmn-js
 * `saveXML({ format: true })`, which is bpmn-moddle's `toXML` with the Zeebe extension registered. When the
 * committed files are already in that form, opening and saving a model is a no-op diff, so a designer's
 * change shows up as exactly the lines they changed.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { BpmnModdle } = require('bpmn-moddle') as {
  BpmnModdle: new (packages: object) => {
    fromXML(xml: string): Promise<{ rootElement: object; warnings: Array<{ message: string }> }>;
    toXML(element: object, options: { format: boolean }): Promise<{ xml: string }>;
  };
};
const zeebe = JSON.parse(readFileSync(path.join(root, 'node_modules/zeebe-bpmn-moddle/resources/zeebe.json'), 'utf8')) as object;

/** Opens and saves a model the way Camunda Modeler does. */
async function openAndSave(xml: string): Promise<{ saved: string; warnings: string[] }> {
  const moddle = new BpmnModdle({ zeebe });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const { xml: saved } = await moddle.toXML(rootElement, { format: true });
  return { saved, warnings: warnings.map((warning) => warning.message) };
}

/** The lines that differ, as `line N: before → after`, first ten only (enough to find the cause). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const changed: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && changed.length < 10; i++) {
    if (a[i] !== b[i]) changed.push(`line ${i + 1}: ${a[i] ?? '(none)'} → ${b[i] ?? '(none)'}`);
  }
  return changed;
}

describe('every model in bpmn/, opened and saved as Camunda Modeler does', () => {
  const models = readdirSync(path.join(root, 'bpmn')).filter((file) => file.endsWith('.bpmn'));

  it('finds the models', () => {
    expect(models).to.include.members(['engineering-approval.bpmn', 'enterprise-opening.bpmn', 'talent-card.bpmn']);
  });

  for (const file of models) {
    it(`${file} changes no line and reads without a warning`, async () => {
      const xml = readFileSync(path.join(root, 'bpmn', file), 'utf8');
      const { saved, warnings } = await openAndSave(xml);

      expect(warnings).to.deep.equal([]);
      expect(changedLines(xml, saved)).to.deep.equal([]);
    });
  }
});
