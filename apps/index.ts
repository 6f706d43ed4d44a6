/**
 * The browser apps served by the engine's REST port: the task list where department staff claim and
 * complete their tasks, and the read-only audit view (history, diagrams, the 亮灯 board).
 */
export { createAppsRouter, type AppsRouterOptions } from './apps-router';
export { BrowserBundles, APP_ENTRIES, type BundleFile } from './browser-bundles';
export { appsApiRoutes, type AppsApiOptions } from './api/apps-api-routes';
export { instancePage, elementStatesOf, historyOf, type InstanceSummary, type ElementStates, type HistoryEntry } from './api/instance-records';
export { caseFactsOf, lightBoard, type CaseFacts, type BoardRow } from './api/case-lights';
export { readableHistoryOf, personName, type ReadableEntry } from './api/readable-history';
