import { expect } from 'chai';
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, screenshot, type TestBrowser } from '../apps/browser-support';
import { copyModels, designerEdit, modelFile, root } from './designer-edit-scenario';

/*
 * The designer's saved file, opened in bpmn-js's Modeler (the editor inside Camunda Modeler) in a real
 * browser: it imports without warnings, draws the new branch, and the new shapes overlap nothing but the
 * sub-process that holds them. The screenshot lands in .onego/screenshots/designer-edit.png.
 */

interface Box {
  id: string;
  type: string;
  parent: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** bpmn-js's Modeler as one browser script exposing `openDiagram(xml)`. */
async function modelerScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import Modeler from 'bpmn-js/lib/Modeler';
        window.openDiagram = async (xml) => {
          const modeler = new Modeler({ container: '#canvas' });
          const { warnings } = await modeler.importXML(xml);
          modeler.get('canvas').zoom('fit-viewport');
          const shapes = modeler.get('elementRegistry').filter((e) => !e.waypoints && e.type !== 'label' && e.parent);
          return { warnings: warnings.map((w) => w.message), shapes: shapes.map((e) => ({ id: e.id, type: e.type, parent: e.parent.id, x: e.x, y: e.y, width: e.width, height: e.height })) };
        };`,
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the designer-edited model in bpmn-js (Debian chromium)', function () {
  this.timeout(120_000);
  let folder: string;
  let browser: TestBrowser | undefined;

  before(async () => {
    folder = await copyModels();
    await designerEdit(folder);
  });
  after(async () => {
    await browser?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('imports without warnings and draws the new review branch clear of every other shape', async () => {
    browser = await launchBrowser();
    const { page } = browser;
    const css = await Promise.all(['diagram-js.css', 'bpmn-js.css'].map((name) => readFile(path.join(root, 'node_modules/bpmn-js/dist/assets', name), 'utf8')));
    await page.setViewportSize({ width: 1800, height: 1100 });
    await page.setContent(`<html><head><style>${css.join('\n')} body{margin:0}</style></head><body><div id="canvas" style="width:1800px;height:1100px"></div></body></html>`);
    await page.addScriptTag({ content: await modelerScript() });

    const { warnings, shapes } = (await page.evaluate(async (xml) => (globalThis as unknown as { openDiagram(xml: string): Promise<unknown> }).openDiagram(xml), await readFile(modelFile(folder), 'utf8'))) as { warnings: string[]; shapes: Box[] };
    await screenshot(page, 'designer-edit');

    expect(warnings).to.deep.equal([]);
    const added = shapes.filter((shape) => ['Task_HrssStaffingReview', 'Gateway_StaffingOffice_ReviewJoin'].includes(shape.id));
    expect(added.map((shape) => `${shape.id} in ${shape.parent}`)).to.deep.equal(['Task_HrssStaffingReview in SubProcess_StaffingOffice', 'Gateway_StaffingOffice_ReviewJoin in SubProcess_StaffingOffice']);
    for (const shape of added) {
      const hits = shapes.filter((other) => other.id !== shape.id && other.id !== shape.parent && other.type !== 'bpmn:Process' && overlaps(shape, other));
      expect(hits.map((other) => other.id), shape.id).to.deep.equal([]);
    }
  });
});
