/**
 * Retention of the record log: what may leave the live `records.sqlite` once snapshots and history cover it,
 * and where it goes (`archive/`). The default keeps everything.
 */
export { LogRetention, DEFAULT_RETENTION, type LogRetentionMode, type LogRetentionOptions, type RetentionSources, type ArchiveStep } from './log-retention';
