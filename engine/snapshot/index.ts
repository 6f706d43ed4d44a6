/**
 * Snapshots of live state at a log position: taken periodically, written atomically with a checksum off the
 * engine thread; a restart loads the newest valid one and replays only the records after it.
 */
export { SnapshotStore, type LoadedSnapshot } from './snapshot-store';
export { SnapshotWriter } from './snapshot-writer';
export { Snapshotter, DEFAULT_SNAPSHOT_POLICY, type SnapshotPolicy, type SnapshotStatus, type SnapshotTaken } from './snapshotter';
export { SNAPSHOT_FORMAT, snapshotFileName } from './snapshot-file';
