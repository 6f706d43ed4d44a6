import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildConventions, conventionsFile, refreshConventions, serializeConventions } from '../../lint/conventions';
import { loadJobWorkers } from '../../workers/registry';
import { DEPARTMENTS } from '../../engine/identity/departments';

const formsFolder = path.join(path.dirname(conventionsFile), '..', 'forms');

describe('lint/conventions.json', () => {
  it('is in sync with the worker registry, forms/ and the department directory (else run onego lint --refresh-conventions)', async () => {
    const committed = await readFile(conventionsFile, 'utf8');

    const current = serializeConventions(await buildConventions());

    expect(committed, 'lint/conventions.json is stale: run `node scripts/onego.mjs lint --refresh-conventions`').to.equal(current);
  });

  it("lists every registered job type with its yup schema's field names", async () => {
    const conventions = await buildConventions();

    const workers = await loadJobWorkers();

    expect(Object.keys(conventions.jobTypes).sort()).to.deep.equal(workers.map((worker) => worker.type).sort());
    const start = conventions.jobTypes['deadline-start']!.inputs;
    expect(start.map((input) => input.name)).to.deep.equal(['deadlineName', 'limitWorkingDays', 'limitWorkingHours', 'startedAt', 'consumedWorkingMinutes']);
    expect(start.find((input) => input.name === 'deadlineName')!.required).to.equal(true);
    expect(start.find((input) => input.name === 'limitWorkingDays')!.required).to.equal(false);
  });

  it('lists the form ids of forms/ and the departments of the directory', async () => {
    const conventions = await buildConventions();

    expect(conventions.forms).to.include.members(['supervision', 'enterprise-application']);
    expect(conventions.groups.departments.map((department) => department.id)).to.deep.equal(DEPARTMENTS.map((department) => department.id));
  });

  it('goes stale when a form is added to forms/ (the sync check then fails until refreshed)', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'onego-forms-'));
    try {
      await cp(formsFolder, folder, { recursive: true });
      await writeFile(path.join(folder, 'new-review.form'), JSON.stringify({ id: 'new-review', type: 'default', components: [] }));

      const conventions = await buildConventions({ formsFolder: folder });

      expect(conventions.forms).to.include('new-review');
      expect(serializeConventions(conventions)).to.not.equal(await readFile(conventionsFile, 'utf8'));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('is rewritten by the refresh step only when it is stale', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'onego-conventions-'));
    try {
      const file = path.join(folder, 'conventions.json');
      await writeFile(file, '{}\n');

      const first = await refreshConventions(file);
      const second = await refreshConventions(file);

      expect([first, second]).to.deep.equal([true, false]);
      expect(await readFile(file, 'utf8')).to.equal(await readFile(conventionsFile, 'utf8'));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('is refreshed by the onego command itself, which loads the workers through tsx rather than its bundle', async () => {
    const repository = path.join(path.dirname(conventionsFile), '..');
    const before = await readFile(conventionsFile, 'utf8');

    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/onego.mjs', 'lint', '--refresh-conventions'], {
      cwd: repository,
      timeout: 90_000,
      // Without the test runner's TypeScript loader, as a designer runs it.
      env: { ...process.env, NODE_OPTIONS: '', ONEGO_NO_BUNDLE: '' },
    });

    expect(stdout).to.match(/lint\/conventions\.json (already up to date|refreshed)/);
    expect(await readFile(conventionsFile, 'utf8')).to.equal(before);
  });
});
