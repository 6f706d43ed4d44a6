/**
 * History (Camunda 8.9's secondary storage, in SQLite): an exporter thread reads committed records in order
 * and writes `history.sqlite` in the data folder; every REST search and the apps read it.
 */
export { History, DEFAULT_CONSISTENCY_WAIT_MS, type HistoryOptions, type HistoryStatus } from './history';
export { HistoryExporter, type ExporterStatus } from './history-exporter';
export { verifyAuditChain, type AuditChainReport } from './audit-log';
export { sqlSearch, sqlGet, type SqlSearchSpec } from './sql-search';
export { openHistoryDatabase } from './history-schema';
