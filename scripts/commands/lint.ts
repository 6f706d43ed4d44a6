/**
 * `onego lint [files…]`: checks the models with Camunda's own linter (bpmnlint + camunda-compat for
 * Camunda 8.8) and our own conventions (`lint/`, the bpmnlint plugin `onego`), both configured in
 * `.bpmnlintrc`, so a model that Camunda Modeler or a OneGo convention would flag never lands.
 * `--refresh-conventions` rewrites `lint/conventions.json` (job types, forms, departments) for the rules.
 * Without arguments it lints every `bpmn/*.bpmn` and `bpmn/*.dmn`. bpmnlint has no DMN rules, so a
 * DMN file is checked by parsing it with dmn-moddle and treating every import warning as an error.
 */
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { conventionsFile, formIds, refreshConventions } from '../../lint/conventions';
import { createNodeResolver } from '../../lint/node-resolver';

/** The repository root: `.bpmnlintrc` and `bpmn/` live here whatever the working directory is. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One finding of the linter. `category` is bpmnlint's: error fails the run, warn and info do not. */
export interface LintProblem {
  file: string;
  /** The element id the problem is about ('' when it concerns the file as a whole). */
  elementId: string;
  /** The rule that reported it, e.g. `camunda-compat/element-type`; `parse` for import problems. */
  rule: string;
  category: 'error' | 'warn' | 'info';
  message: string;
}

interface Moddle {
  fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: ImportWarning[] }>;
}

/** The moddle packages ship no type declarations; loading them by name keeps the untyped surface here. */
async function loadModdle(packageName: 'bpmn-moddle' | 'dmn-moddle', exportName: string): Promise<new (packages?: object) => Moddle> {
  const module = (await import(packageName as string)) as Record<string, new (packages?: object) => Moddle>;
  const constructor = module[exportName];
  if (!constructor) throw new Error(`Expected ${packageName} to export ${exportName}, but it does not`);
  return constructor;
}

interface BpmnlintReport {
  id?: string;
  message: string;
  category?: string;
}

interface BpmnlintLinter {
  lint(definitions: unknown): Promise<Record<string, BpmnlintReport[]>>;
}

// bpmnlint ships CommonJS without package exports for its resolver; require keeps it untyped but simple.
const requireFromRoot = createRequire(path.join(repositoryRoot, 'package.json'));
const { Linter } = requireFromRoot('bpmnlint') as { Linter: new (options: unknown) => BpmnlintLinter };

async function readLintConfig(): Promise<unknown> {
  const configPath = path.join(repositoryRoot, '.bpmnlintrc');
  try {
    return JSON.parse(await readFile(configPath, 'utf8'));
  } catch (error) {
    throw new Error(`Expected ${configPath} to hold a JSON bpmnlint configuration, but ${(error as Error).message}`);
  }
}

/**
 * The form ids in the `forms/` folder beside the model's folder (`bpmn/x.bpmn` → `forms/`), or undefined
 * when there is none; `onego/user-task-form` then checks against these instead of `lint/conventions.json`.
 */
async function formIdsBeside(file: string): Promise<string[] | undefined> {
  const folder = path.join(path.dirname(file), '..', 'forms');
  try {
    return await formIds(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** `.bpmnlintrc`, with the live form ids handed to our form rule when the model has a `forms/` folder beside it. */
async function lintConfigFor(file: string): Promise<unknown> {
  const config = (await readLintConfig()) as { rules?: Record<string, unknown> };
  const ids = await formIdsBeside(file);
  if (!ids) return config;
  return { ...config, rules: { ...config.rules, 'onego/user-task-form': ['error', { formIds: ids }] } };
}

function asCategory(category: string | undefined): LintProblem['category'] {
  return category === 'warn' || category === 'info' ? category : 'error';
}

interface ImportWarning {
  message: string;
  element?: { id?: string };
}

function importProblems(file: string, warnings: ImportWarning[]): LintProblem[] {
  return warnings.map((warning) => ({
    file,
    elementId: warning.element?.id ?? '',
    rule: 'parse',
    category: 'error' as const,
    message: `Import warning: ${warning.message.split('\n')[0]}`,
  }));
}

/** Lints one BPMN file: import warnings (unknown elements or attributes) count as errors, then every rule. */
export async function lintBpmnFile(file: string): Promise<LintProblem[]> {
  const xml = await readFile(file, 'utf8');
  const BpmnModdle = await loadModdle('bpmn-moddle', 'BpmnModdle');
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  let parsed: { rootElement: unknown; warnings: ImportWarning[] };
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    return [{ file, elementId: '', rule: 'parse', category: 'error', message: `Parse error: ${(error as Error).message}` }];
  }
  const linter = new Linter({
    config: await lintConfigFor(file),
    resolver: createNodeResolver(),
  });
  const reports = await linter.lint(parsed.rootElement);
  const problems = importProblems(file, parsed.warnings);
  for (const [rule, ruleReports] of Object.entries(reports)) {
    for (const report of ruleReports) {
      problems.push({ file, elementId: report.id ?? '', rule, category: asCategory(report.category), message: report.message });
    }
  }
  return problems;
}

/** Checks one DMN file: it must parse without a single import warning. */
export async function lintDmnFile(file: string): Promise<LintProblem[]> {
  const xml = await readFile(file, 'utf8');
  const DmnModdle = await loadModdle('dmn-moddle', 'DmnModdle');
  try {
    const { warnings } = await new DmnModdle().fromXML(xml, 'dmn:Definitions');
    return importProblems(file, warnings);
  } catch (error) {
    return [{ file, elementId: '', rule: 'parse', category: 'error', message: `Parse error: ${(error as Error).message}` }];
  }
}

/** Lints any model file by its extension. */
export async function lintModelFile(file: string): Promise<LintProblem[]> {
  if (file.endsWith('.bpmn')) return lintBpmnFile(file);
  if (file.endsWith('.dmn')) return lintDmnFile(file);
  return [{ file, elementId: '', rule: 'file-type', category: 'error', message: 'Expected a .bpmn or .dmn file, but got another extension' }];
}

/** Every model in `bpmn/`, sorted so the output is stable. */
export async function defaultModelFiles(): Promise<string[]> {
  const folder = path.join(repositoryRoot, 'bpmn');
  const names = (await readdir(folder)).filter((name) => name.endsWith('.bpmn') || name.endsWith('.dmn')).sort();
  return names.map((name) => path.join(folder, name));
}

/** One readable line per problem: where, what, which rule. */
export function formatProblem(problem: LintProblem): string {
  const where = problem.elementId ? `${path.relative(process.cwd(), problem.file)} ${problem.elementId}` : path.relative(process.cwd(), problem.file);
  return `${where}: ${problem.category} ${problem.message} (${problem.rule})`;
}

/** What `onego lint --help` prints. */
export function usage(): string {
  return [
    'usage: onego lint [FILE.bpmn|FILE.dmn ...]',
    '       onego lint --refresh-conventions',
    '  bpmnlint with bpmnlint-plugin-camunda-compat (Camunda 8.8), our conventions (lint/, plugin onego)',
    '  and the rules in .bpmnlintrc; each problem prints file, element id, category, message and rule',
    '  no files: every model in bpmn/; exit code 1 when any file has an error (warnings pass)',
    '  --refresh-conventions  rewrite lint/conventions.json from workers/jobs, forms/ and the department',
    '                         directory (after adding a worker, a form or a department)',
    '  --help   print this text',
  ].join('\n');
}

/** Runs the command; sets exit code 1 when any file has an error (warnings are printed but pass). */
export async function run(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  if (argv.includes('--refresh-conventions')) {
    const changed = await refreshConventions();
    console.log(`onego lint: ${path.relative(process.cwd(), conventionsFile)} ${changed ? 'refreshed' : 'already up to date'}`);
    return;
  }
  const files = argv.length > 0 ? argv.map((file) => path.resolve(file)) : await defaultModelFiles();
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    let problems: LintProblem[];
    try {
      problems = await lintModelFile(file);
    } catch (error) {
      problems = [{ file, elementId: '', rule: 'read', category: 'error', message: (error as Error).message }];
    }
    for (const problem of problems) {
      if (problem.category === 'error') errors += 1;
      else if (problem.category === 'warn') warnings += 1;
      (problem.category === 'error' ? console.error : console.log)(formatProblem(problem));
    }
  }
  console.log(`onego lint: ${files.length} file(s), ${errors} error(s), ${warnings} warning(s)`);
  if (errors > 0) process.exitCode = 1;
}
