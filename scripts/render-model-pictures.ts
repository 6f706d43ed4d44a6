/**
 * Renders model diagrams into `docs/screenshots/models/<file>.png` with bpmn-js in headless chromium, at 75 %
 * as the existing pictures are: `npx tsx scripts/render-model-pictures.ts bpmn/enterprise-opening.bpmn …`.
 * Pictures are documentation, not tests; look at them before committing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCALE = 0.75;
const MARGIN = 40;

/** Renders one model's main diagram and returns the picture's path. */
async function render(page: import('playwright-core').Page, file: string): Promise<string> {
  const xml = await readFile(path.resolve(file), 'utf8');
  await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="canvas" style="width:100vw;height:100vh"></div></body></html>');
  await page.addScriptTag({ path: path.join(root, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js') });
  await page.addStyleTag({ path: path.join(root, 'node_modules/bpmn-js/dist/assets/bpmn-js.css') });
  // The size the diagram needs at SCALE, measured by bpmn-js itself once imported.
  const size = await page.evaluate(
    async ({ xml, scale, margin }) => {
      const Viewer = (globalThis as unknown as { BpmnJS: new (options: { container: string }) => { importXML(xml: string): Promise<unknown>; get(name: string): { viewbox(): { inner: { x: number; y: number; width: number; height: number } }; zoom(scale: number, center?: unknown): void; viewbox(box: object): void } } }).BpmnJS;
      const viewer = new Viewer({ container: '#canvas' });
      await viewer.importXML(xml);
      const canvas = viewer.get('canvas');
      const inner = canvas.viewbox().inner;
      (globalThis as unknown as { onegoView: () => void }).onegoView = () =>
        canvas.viewbox({ x: inner.x - margin / scale, y: inner.y - margin / scale, width: inner.width + (2 * margin) / scale, height: inner.height + (2 * margin) / scale });
      return { width: Math.ceil(inner.width * scale + 2 * margin), height: Math.ceil(inner.height * scale + 2 * margin) };
    },
    { xml, scale: SCALE, margin: MARGIN },
  );
  await page.setViewportSize(size);
  await page.evaluate(() => (globalThis as unknown as { onegoView: () => void }).onegoView());
  const target = path.join(root, 'docs/screenshots/models', `${path.basename(file, '.bpmn')}.png`);
  await page.screenshot({ path: target, fullPage: false });
  return target;
}

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('Expected one or more .bpmn files to render, e.g. bpmn/enterprise-opening.bpmn');
  const browser = await chromium.launch({ executablePath: process.env.ONEGO_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    for (const file of files) console.log(`wrote ${await render(page, file)}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`render-model-pictures: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
