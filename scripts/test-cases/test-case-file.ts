/**
 * Camunda Process Test's JSON test-case files (schema `https://camunda.com/json-schema/cpt-test-cases/8.9/schema.json`):
 * `{ testCases: [{ name, description?, instructions: [{ type, …}] }] }`. Reading them checks the shape the schema
 * requires and names the file and test case of anything wrong, so a designer can fix it without a stack trace.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One instruction: its `type` and the properties that type takes (validated when it runs). */
export interface TestCaseInstruction {
  type: string;
  [property: string]: unknown;
}

/** One test case of a file. */
export interface TestCase {
  name: string;
  description?: string;
  instructions: TestCaseInstruction[];
}

/** A test-case file as read from disk. */
export interface TestCaseFile {
  path: string;
  testCases: TestCase[];
}

/** A file that is not a test-case file, with the reason in Chinese and English. */
export class TestCaseFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${basename(path)}: ${reason}`);
    this.name = 'TestCaseFileError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks one file. */
export function readTestCaseFile(path: string): TestCaseFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TestCaseFileError(path, `不是合法的 JSON / not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || !Array.isArray(parsed.testCases)) {
    throw new TestCaseFileError(path, '缺少 testCases 数组 / expected an object with a "testCases" array');
  }
  const testCases = parsed.testCases.map((candidate, index): TestCase => {
    const where = `testCases[${index}]`;
    if (!isObject(candidate)) throw new TestCaseFileError(path, `${where} 不是对象 / is not an object`);
    if (typeof candidate.name !== 'string' || candidate.name === '') throw new TestCaseFileError(path, `${where} 缺少 name / needs a "name"`);
    if (!Array.isArray(candidate.instructions)) throw new TestCaseFileError(path, `${where} (${candidate.name}) 缺少 instructions 数组 / needs an "instructions" array`);
    candidate.instructions.forEach((instruction, position) => {
      if (!isObject(instruction) || typeof instruction.type !== 'string') {
        throw new TestCaseFileError(path, `${where} (${candidate.name}) instructions[${position}] 缺少 type / needs a "type"`);
      }
    });
    return {
      name: candidate.name,
      description: typeof candidate.description === 'string' ? candidate.description : undefined,
      instructions: candidate.instructions as TestCaseInstruction[],
    };
  });
  return { path, testCases };
}

/** The `.json` files of a folder (sorted by name), or the one file given. */
export function testCaseFilesIn(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(path, name));
}
