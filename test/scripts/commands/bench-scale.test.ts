import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Row {
  measure: string;
  target: string;
  verdict: string;
  value: string;
}

/** Run `onego bench-scale` as a user would; resolves with its exit code and output. */
function runBenchScale(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/onego.mjs', 'bench-scale', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The table's rows, cut at the columns the header line names. */
function tableRows(stdout: string): Row[] {
  const lines = stdout.split('\n');
  const headerIndex = lines.findIndex((line) => /^measure\s+target\s+verdict\s+value$/.test(line));
  expect(headerIndex, `no table header in:\n${stdout}`).to.be.greaterThan(-1);
  const header = lines[headerIndex];
  const [targetAt, verdictAt, valueAt] = ['target', 'verdict', 'value'].map((name) => header.indexOf(name));
  return lines
    .slice(headerIndex + 1)
    .filter((line) => line.trim() !== '')
    .map((line) => ({
      measure: line.slice(0, targetAt).trim(),
      target: line.slice(targetAt, verdictAt).trim(),
      verdict: line.slice(verdictAt, valueAt).trim(),
      value: line.slice(valueAt).trim(),
    }));
}

describe('onego bench-scale', function () {
  // A whole small run: one loaded engine, a restart, two fresh engines for the throughput phases.
  this.timeout(600_000);
  let workDir: string;

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'onego-bench-scale-test-'));
  });
  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('loads a small run through the SDK and prints every row of the table, each measured or n/a with a reason', async () => {
    // given
    const dataDir = join(workDir, 'data');
    const requests = 20;
    // when
    const { code, stdout, stderr } = await runBenchScale([
      '--finished', '200', '--waiting', '50', '--runs', '1', '--pairs', '2', '--throughput', '100', '--requests', String(requests), '--concurrency', '32', '--data', dataDir,
    ]);
    // then
    expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).to.equal(0);
    expect(stdout).to.match(/waiting 50\/50 /);
    expect(stdout).to.match(/finished 200\/200 /);
    const rows = tableRows(stdout);
    const row = (pattern: RegExp): Row => {
      const found = rows.find((candidate) => pattern.test(candidate.measure));
      expect(found, `no row ${pattern} in:\n${stdout}`).to.not.equal(undefined);
      return found!;
    };
    for (const each of rows) {
      expect(['PASS', 'FAIL', 'n/a', ''], each.measure).to.include(each.verdict);
      if (each.verdict === 'n/a') expect(each.value, each.measure).to.match(/^n\/a \(.+\)$/);
    }
    expect(row(/^engine RSS at 20 finished$/).value).to.match(/^\d+ MB$/);
    expect(row(/^engine RSS at the end \(200 finished \+ 50 waiting\)$/)).to.include({ target: '< 400 MB' }).and.have.property('value').that.match(/^\d+ MB \(peak \d+ MB\)$/);
    expect(row(/^RSS growth from 20 to 200 finished$/).value).to.match(/^[+-]\d+ MB$/);
    const restart = row(/^restart after kill -9 until Topology answers \(1 run\)$/);
    expect(restart.target).to.equal('< 3 s');
    expect(restart.value).to.match(/^\d+\.\d s \(ready line \d+\.\d s\)$/);
    // one fresh engine with history per measured pair: a range over the two
    expect(row(/^start on an empty data folder, same timing$/).value).to.match(/^\d+\.\d s(–\d+\.\d s)?$/);
    const searches = [
      /^user-task search by candidate group$/,
      /^process-instance search by definition and state$/,
      /^one instance's element instances$/,
      /^one instance's audit log$/,
      /^variable search by name/,
    ].map(row);
    for (const search of searches) {
      expect(search.target).to.equal('p99 < 50 ms');
      // Measured searches must have found what was loaded. The audit log may not exist on this engine yet, and
      // what it records for an instance started by a client is the history store's business, not the bench's.
      const found = search.measure === "one instance's audit log" ? '\\d+' : String(requests);
      if (search.verdict !== 'n/a') expect(search.value, search.measure).to.match(new RegExp(`^p50 [\\d.]+ ms · p99 [\\d.]+ ms \\(${requests} requests, ${found} non-empty\\)$`));
    }
    expect(searches.filter((search) => search.verdict === 'n/a').map((search) => search.measure)).to.not.include('user-task search by candidate group');
    expect(row(/^exporter lag while loading/).target).to.equal('p99 < 1.0 s');
    expect(row(/^throughput, history on/).value).to.match(/^\d+ PI\/s median \([\d–]+\); engine CPU [\d.]+ ms per instance \(main thread [\d.]+, busiest other thread [\d.]+\)$/);
    row(/^throughput, onego engine --no-history$/);
    expect(row(/^throughput ratio on \/ off$/).target).to.equal('≥ 90 %');
    // two measured pairs after a warm-up pair that the ratio leaves out
    expect(row(/^throughput ratio on \/ off$/).value).to.match(/^\d+ % of the medians; pairs \d+ %, \d+ % \(median \d+ %\); engine CPU per instance off \/ on: \d+ %$/);
    expect(stdout.match(/^ {2}history on \(warm-up, not counted\): /gm)).to.have.length(1);
    expect(stdout.match(/^ {2}history on: /gm)).to.have.length(2);
    expect(row(/^load rate, waiting cases/).value).to.match(/^\d+\/s \(50 in /);
    expect(row(/^load rate, finished cases/).value).to.match(/^\d+ PI\/s \(200 in /);
    expect(row(/^time to 100,000 finished$/).value).to.match(/projected/);
    expect(row(/^CPU per finished case while loading$/).value).to.match(/^engine [\d.]+ ms · job workers [\d.]+ ms · driver [\d.]+ ms$/);
    expect(row(/^data folder$/).value).to.match(/records\.sqlite (?!0\.0 MB)[\d.]+ MB/);
    expect(row(/^data folder path$/).value).to.equal(dataDir);
    expect(row(/^total elapsed$/).value).to.match(/ s$/);
    // a folder named with --data is kept, with the loaded log in it
    expect(existsSync(join(dataDir, 'records.sqlite'))).to.equal(true);
  });

  it('is one of the onego commands', () => {
    // when
    const result = spawnSync(process.execPath, ['scripts/onego.mjs'], { encoding: 'utf8' });
    // then
    expect(result.stderr).to.match(/^  bench-scale +\S/m);
  });

  it('refuses a count that is not a number, in English and Chinese, before starting anything', () => {
    // when
    const result = spawnSync(process.execPath, ['scripts/onego.mjs', 'bench-scale', '--finished', 'many'], { encoding: 'utf8' });
    // then
    expect(result.status).to.equal(1);
    expect(result.stderr).to.contain("Expected --finished to be an integer of at least 1, but was 'many'");
    expect(result.stderr).to.contain('--finished 须为不小于 1 的整数');
    expect(result.stderr).to.contain('usage: onego bench-scale');
  });

  it('refuses a --data folder that already holds files, so it never loads on top of other data', async () => {
    // given
    await writeFile(join(workDir, 'records.sqlite'), 'not empty');
    // when
    const result = await runBenchScale(['--finished', '10', '--waiting', '0', '--data', workDir]);
    // then
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain(`Expected --data to name an empty or new folder, but ${workDir} holds records.sqlite`);
    expect(result.stderr).to.contain('须为空目录或新目录');
  });
});
