/**
 * The durable, append-only record log: every command, event and rejection, in order, in SQLite.
 * It is the single source of truth; state is rebuilt from it by replaying events through the appliers.
 */
export { RecordLog } from './record-log';
export { LogIntegrityError, checkLogIntegrity, type LogIntegrityReport } from './log-integrity';
