/**
 * Runs CPT JSON test-case files: each test case on a fresh engine with the given resources deployed, its
 * instructions in order, stopping at the first that fails. Reports in the style of mocha's spec reporter.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DeploymentResource } from '../../engine/api';
import { ACTIONS } from './actions';
import { AD_HOC_AND_CONDITIONAL_ACTIONS } from './ad-hoc-and-conditional-actions';
import { ASSERTIONS } from './assertions';
import { readTestCaseFile, type TestCase } from './test-case-file';
import { TestCaseFailure, TestCaseRuntime } from './test-case-runtime';

/** The outcome of one test case. */
export interface TestCaseResult {
  file: string;
  name: string;
  passed: boolean;
  millis: number;
  /** Which instruction failed and why. */
  failure?: string;
}

/** Options for {@link runTestCaseFiles}. */
export interface RunTestCasesOptions {
  files: string[];
  /** BPMN, DMN and form files deployed (in one deployment) before each test case. */
  resources: string[];
  assertionTimeoutMs: number;
  /** Where report lines go. */
  print: (line: string) => void;
}

async function runTestCase(testCase: TestCase, resources: DeploymentResource[], assertionTimeoutMs: number): Promise<string | undefined> {
  const runtime = await TestCaseRuntime.start(resources, assertionTimeoutMs);
  try {
    for (const [index, instruction] of testCase.instructions.entries()) {
      const step = ACTIONS[instruction.type] ?? AD_HOC_AND_CONDITIONAL_ACTIONS[instruction.type] ?? ASSERTIONS[instruction.type];
      const where = `instruction ${index + 1} (${instruction.type})`;
      if (!step) return `${where}: not supported by onego test-cases yet / 暂不支持该指令`;
      try {
        await step(runtime, instruction);
      } catch (error) {
        return `${where}: ${error instanceof TestCaseFailure ? error.message : `the engine refused: ${(error as Error).message}`}`;
      }
    }
    return undefined;
  } finally {
    await runtime.close();
  }
}

/** Runs every test case of every file; returns the results (and prints the report as it goes). */
export async function runTestCaseFiles(options: RunTestCasesOptions): Promise<TestCaseResult[]> {
  const resources = options.resources.map((file) => ({ name: basename(file), content: readFileSync(file) }));
  const results: TestCaseResult[] = [];
  options.print('');
  for (const path of options.files) {
    options.print(`  ${basename(path)}`);
    const file = readTestCaseFile(path);
    for (const testCase of file.testCases) {
      const started = performance.now();
      const failure = await runTestCase(testCase, resources, options.assertionTimeoutMs);
      const millis = Math.round(performance.now() - started);
      results.push({ file: basename(path), name: testCase.name, passed: failure === undefined, millis, failure });
      const failedSoFar = results.filter((result) => !result.passed).length;
      options.print(failure === undefined ? `    ✔ ${testCase.name} (${millis}ms)` : `    ${failedSoFar}) ${testCase.name}`);
    }
  }
  const failed = results.filter((result) => !result.passed);
  options.print('');
  options.print(`  ${results.length - failed.length} passing`);
  if (failed.length > 0) {
    options.print(`  ${failed.length} failing`);
    failed.forEach((result, index) => {
      options.print('');
      options.print(`  ${index + 1}) ${result.file}`);
      options.print(`       ${result.name}:`);
      options.print(`     ${result.failure}`);
    });
  }
  options.print('');
  return results;
}
