import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { buildModelerPlugin, lintRulePluginTypes } from '../../lint/modeler-plugin-build';
import { sampleModel, serviceTask } from './sample-model';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint') as { Linter: new (options: { config: unknown; resolver: unknown }) => { lint(definitions: unknown): Promise<Record<string, { id: string; message: string }[]>> } };
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new (packages: object) => { fromXML(xml: string): Promise<{ rootElement: unknown }> } };
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

interface RegisteredPlugin {
  type: string;
  plugin: { config: { rules: Record<string, unknown> }; resolver: unknown };
}

/** Runs the bundle as Modeler's window would: a bare global with `window`, no require, no Node APIs. */
function loadInFakeModelerWindow(bundle: string): RegisteredPlugin[] {
  const window: { plugins?: RegisteredPlugin[] } = {};
  runInNewContext(bundle, { window, console });
  return window.plugins ?? [];
}

async function lintWith(plugin: RegisteredPlugin['plugin'], xml: string) {
  const { rootElement } = await new BpmnModdle({ zeebe }).fromXML(xml);
  return new Linter({ config: plugin.config, resolver: plugin.resolver }).lint(rootElement);
}

describe('the Camunda Modeler plugin', () => {
  let folder: string;
  let bundle: string;

  before(async function () {
    this.timeout(60_000);
    folder = await mkdtemp(path.join(tmpdir(), 'onego-modeler-plugin-'));
    bundle = await readFile(await buildModelerPlugin(path.join(folder, 'client.js')), 'utf8');
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("builds one browser script that registers our rules for Modeler's BPMN and Camunda 8 lint extension points", () => {
    const plugins = loadInFakeModelerWindow(bundle);

    expect(plugins.map((entry) => entry.type)).to.deep.equal([...lintRulePluginTypes]);
    expect(Object.keys(plugins[0]!.plugin.config.rules).sort()).to.deep.equal(
      ['candidate-groups', 'chinese-names', 'deadline-lights', 'job-worker', 'no-literal-time-limit', 'pause-resume', 'user-task-form'].map((rule) => `onego/${rule}`),
    );
  });

  it('lints a model with the registered configuration: a job type without a worker is reported with its element id', async () => {
    const [entry] = loadInFakeModelerWindow(bundle);

    const reports = await lintWith(entry!.plugin, sampleModel(serviceTask('Task_Carve', '刻章', 'seal-carving-v2')));

    expect(Object.keys(reports)).to.deep.equal(['onego/job-worker']);
    expect(reports['onego/job-worker']!.map((report) => report.id)).to.deep.equal(['Task_Carve']);
    expect(reports['onego/job-worker']![0]!.message).to.contain('没有已注册的作业处理程序');
  });

  it('carries the conventions data: a real model from bpmn/ passes every bundled rule', async () => {
    const [entry] = loadInFakeModelerWindow(bundle);
    const xml = await readFile(path.join(root, 'bpmn', 'enterprise-opening.bpmn'), 'utf8');

    expect(await lintWith(entry!.plugin, xml)).to.deep.equal({});
  });
});
