import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const guide = readFileSync(path.join(root, 'docs', 'designers.md'), 'utf8');

describe("the designers' guide (docs/designers.md)", () => {
  it('is linked from the README', () => {
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).to.contain('(docs/designers.md)');
  });

  it('shows only screenshots that exist', () => {
    const images = [...guide.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]!);
    expect(images.length).to.be.greaterThan(3);
    expect(images.filter((image) => !existsSync(path.join(root, 'docs', image)))).to.deep.equal([]);
  });

  it('names only repository files and npm scripts that exist', () => {
    const files = ['.process-application', 'bpmn/engineering-time-limits.dmn', 'element-templates/README.md', 'lint/modeler-plugin', 'engine/identity/departments.ts', 'workers/external/engineering-item-catalogue.ts', 'test/bpmn/engineering-time-limits.test.ts', 'test/bpmn/talent-staffing.test.ts', 'test/bpmn/documentation.test.ts', 'test/scripts/commands/start-camunda-modeler.test.ts'];
    for (const file of files) expect(guide, file).to.contain(file);
    expect(files.filter((file) => !existsSync(path.join(root, file)))).to.deep.equal([]);
    const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    for (const script of [...guide.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!)) expect(scripts, script).to.include(script);
  });
});
