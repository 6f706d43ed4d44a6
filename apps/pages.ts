/** The HTML shells of the apps: a title, a tab icon, the app's CSS and script, and a mount point. */
import type { APP_ENTRIES } from './browser-bundles';

/**
 * The tab icon, inline (办 on the apps' blue): without one the browser asks for `/favicon.ico`, which the server
 * does not have, and every page load logs a 404 in the console.
 */
export const TAB_ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5cad"/><text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif">办</text></svg>')}`;

/** The page that boots one app. */
export function appPage(app: keyof typeof APP_ENTRIES, title: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 一次办好</title>
<link rel="icon" href="${TAB_ICON}">
<link rel="stylesheet" href="/apps/assets/${app}.css">
</head>
<body>
<div id="app"><p class="loading">加载中…</p></div>
<script type="module" src="/apps/assets/${app}.js"></script>
</body>
</html>
`;
}

/** The landing page linking the apps. */
export function indexPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>一次办好 OneGo</title><link rel="icon" href="${TAB_ICON}">
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:3rem auto;max-width:36rem;color:#1f2933}a{display:block;margin:.8rem 0;font-size:1.2rem;color:#0b5cad}</style>
</head>
<body>
<h1>一次办好 OneGo</h1>
<a href="/tasklist">任务列表（部门工作人员）</a>
<a href="/audit">审计视图（审计人员）</a>
<a href="/admin">系统管理（管理员：节假日日历、故障事件、已部署流程）</a>
</body>
</html>
`;
}
