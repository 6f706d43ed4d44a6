/**
 * The apps' pages at the REST port's root: `/tasklist` (department staff), `/audit` (auditors) and `/admin`
 * (administrators), their bundles under `/apps/assets/`, and `/` linking them. The pages call `/v2`
 * themselves with the session cookie, so this router needs no authentication of its own.
 */
import { Router, type Response } from 'express';
import { BrowserBundles } from './browser-bundles';
import { appPage, indexPage } from './pages';

/** Options of {@link createAppsRouter}. */
export interface AppsRouterOptions {
  /** Share bundles between routers (tests); default: a fresh, lazily built set. */
  bundles?: BrowserBundles;
}

function sendHtml(response: Response, html: string): void {
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.setHeader('cache-control', 'no-cache');
  response.send(html);
}

/** The router to pass as `startEngineServer({ appRoutes: [createAppsRouter()] })`. */
export function createAppsRouter(options: AppsRouterOptions = {}): Router {
  const bundles = options.bundles ?? new BrowserBundles();
  const router = Router();
  router.get('/', (_request, response) => sendHtml(response, indexPage()));
  router.get(['/tasklist', '/tasklist/'], (_request, response) => sendHtml(response, appPage('tasklist', '任务列表')));
  router.get(['/audit', '/audit/'], (_request, response) => sendHtml(response, appPage('audit', '审计视图')));
  router.get(['/admin', '/admin/'], (_request, response) => sendHtml(response, appPage('admin', '系统管理')));
  router.get('/apps/assets/:file', async (request, response) => {
    const file = await bundles.file(String(request.params.file));
    if (!file) {
      response.status(404).type('text/plain').send(`Expected an app asset, but '${request.params.file}' is none`);
      return;
    }
    response.setHeader('content-type', file.contentType);
    response.setHeader('cache-control', 'no-cache');
    response.send(Buffer.from(file.body));
  });
  return router;
}
