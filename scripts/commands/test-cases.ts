import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: onego test-cases DIR|FILE… [--deploy PATH]… [--timeout MS]';

/** What `onego test-cases --help` prints. */
export function usage(): string {
  return [
    USAGE,
    '',
    "Runs Camunda Process Test's JSON test cases (schema cpt-test-cases/8.9) on a fresh embedded engine per test case,",
    'with a controlled clock, and prints the results like a test runner. Exit 0 when all pass, 1 when any fails.',
    '运行 Camunda Process Test 的 JSON 测试用例：每个用例一个全新的内置引擎（受控时钟），全部通过时退出码为 0。',
    '',
    '  --deploy PATH   a .bpmn/.dmn/.form file or a folder of them, deployed before each test case;',
    '                  repeatable (default: ./bpmn and ./forms)',
    '  --timeout MS    how long an assertion waits for its state (default 10000, as CPT)',
    '',
    'Instructions: CREATE_PROCESS_INSTANCE, COMPLETE_JOB, THROW_BPMN_ERROR_FROM_JOB, COMPLETE_USER_TASK,',
    'PUBLISH_MESSAGE, CORRELATE_MESSAGE, BROADCAST_SIGNAL, INCREASE_TIME, SET_TIME, UPDATE_VARIABLES,',
    'RESOLVE_INCIDENT, EVALUATE_DECISION, MOCK_JOB_WORKER_COMPLETE_JOB, MOCK_JOB_WORKER_THROW_BPMN_ERROR,',
    'ASSERT_PROCESS_INSTANCE, ASSERT_ELEMENT_INSTANCE(S), ASSERT_USER_TASK, ASSERT_VARIABLES,',
    'ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION, ASSERT_DECISION. Others fail their test case saying so.',
  ].join('\n');
}

/** The deployable files a `--deploy` path names. */
function deployableFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => /\.(bpmn|dmn|form)$/.test(name))
    .sort()
    .map((name) => join(path, name));
}

/** `onego test-cases`: run CPT JSON test-case files against the embedded engine. */
export async function run(argv: string[]): Promise<void> {
  let files: string[];
  let resources: string[];
  let timeout: number;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { deploy: { type: 'string', multiple: true }, timeout: { type: 'string', default: '10000' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0) throw new Error('Expected a folder or file of JSON test cases / 请指定测试用例目录或文件');
    const { testCaseFilesIn } = await import('../test-cases/test-case-file');
    for (const path of [...positionals, ...(values.deploy ?? [])]) {
      if (!existsSync(path)) throw new Error(`Expected ${path} to exist, but it does not / 路径不存在`);
    }
    files = positionals.flatMap((path) => testCaseFilesIn(resolve(path)));
    const deploy = values.deploy ?? ['bpmn', 'forms'].filter((folder) => existsSync(folder));
    resources = deploy.flatMap((path) => deployableFiles(resolve(path)));
    timeout = Number(values.timeout);
    if (!Number.isInteger(timeout) || timeout <= 0) throw new Error(`Expected --timeout to be a positive number of milliseconds, but was '${values.timeout}'`);
  } catch (error) {
    console.error(`onego test-cases: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(2);
  }
  const { runTestCaseFiles } = await import('../test-cases/run-test-cases');
  const { TestCaseFileError } = await import('../test-cases/test-case-file');
  try {
    const results = await runTestCaseFiles({ files, resources, assertionTimeoutMs: timeout, print: (line) => console.log(line) });
    process.exitCode = results.every((result) => result.passed) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof TestCaseFileError)) throw error;
    console.error(`onego test-cases: ${error.message}`);
    process.exitCode = 2;
  }
}
