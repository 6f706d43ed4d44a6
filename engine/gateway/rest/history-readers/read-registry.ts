/**
 * What the history reader threads can run, by name: the search specs of the REST routes and the statistics
 * queries. The main thread and every reader thread import this same list, so a route hands over a name and
 * plain arguments, never a function. A spec or query missing here still works — it runs on the engine thread
 * (see `history-reads.ts`) — so add new ones here to move them off it.
 */
import type Database from 'better-sqlite3';
import type { SqlSearchSpec } from '../../../history';
import { AUDIT_LOG_SEARCH, USER_TASK_AUDIT_LOG_SEARCH } from '../../../history/readers/audit-logs';
import { BATCH_OPERATION_ITEM_SEARCH, BATCH_OPERATION_SEARCH } from '../../../history/readers/batch-operations';
import { ELEMENT_INSTANCE_SEARCH } from '../../../history/readers/element-instances';
import { INCIDENT_SEARCH } from '../../../history/readers/incidents';
import { JOB_SEARCH } from '../../../history/readers/jobs';
import { PROCESS_INSTANCE_SEARCH } from '../../../history/readers/process-instances';
import { MESSAGE_SUBSCRIPTION_SEARCH } from '../../../history/readers/message-subscriptions';
import { WAIT_STATE_SEARCH, waitStateStatistics } from '../../../history/readers/wait-states';
import { callHierarchy, elementInstanceKnown, processInstanceKnown, sequenceFlows } from '../../../history/readers/process-instance-relations';
import { USER_TASK_SEARCH } from '../../../history/readers/user-tasks';
import { VARIABLE_SEARCH } from '../../../history/readers/variables';
import {
  definitionElementStatistics,
  instanceElementStatistics,
  instanceStatisticsByDefinition,
  instanceStatisticsByVersion,
  messageSubscriptionStatistics,
  statisticsByDefinition,
  statisticsByError,
} from '../../../history/statistics';
import { AUDIT_LOG_WITH_REFUSALS_SEARCH } from '../../../identity/refusal-audit';
import { DECISION_DEFINITION_SEARCH, decisionRequirementsKeys } from './decision-definition-search';

/** Search specs by name (their `toItem` and custom filters run in the reader thread). */
export const SEARCH_SPECS: Readonly<Record<string, SqlSearchSpec<unknown>>> = {
  AUDIT_LOG_SEARCH,
  AUDIT_LOG_WITH_REFUSALS_SEARCH,
  BATCH_OPERATION_SEARCH,
  DECISION_DEFINITION_SEARCH,
  BATCH_OPERATION_ITEM_SEARCH,
  JOB_SEARCH,
  MESSAGE_SUBSCRIPTION_SEARCH,
  WAIT_STATE_SEARCH,
  USER_TASK_AUDIT_LOG_SEARCH,
  ELEMENT_INSTANCE_SEARCH,
  INCIDENT_SEARCH,
  PROCESS_INSTANCE_SEARCH,
  USER_TASK_SEARCH,
  VARIABLE_SEARCH,
} as Record<string, SqlSearchSpec<unknown>>;

/** A read over the history database with plain (structured-cloneable) arguments and result. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HistoryRead = (db: Database.Database, ...args: any[]) => unknown;

/** Read functions by name. */
export const READ_FUNCTIONS: Readonly<Record<string, HistoryRead>> = {
  callHierarchy,
  elementInstanceKnown,
  processInstanceKnown,
  sequenceFlows,
  waitStateStatistics,
  definitionElementStatistics,
  instanceElementStatistics,
  instanceStatisticsByDefinition,
  instanceStatisticsByVersion,
  messageSubscriptionStatistics,
  statisticsByDefinition,
  statisticsByError,
  decisionRequirementsKeys,
  /** Whether a process definition with this key is in history. */
  processDefinitionExists: (db: Database.Database, key: string) => db.prepare('SELECT 1 FROM process_definitions WHERE process_definition_key = ?').get(key) !== undefined,
};

/** What a reader thread is asked to do. */
export type ReadRequest =
  | { id: number; op: 'search'; name: string; body: unknown; extra?: { conditions: string[]; params: unknown[] } }
  | { id: number; op: 'get'; name: string; key: string }
  | { id: number; op: 'call'; name: string; args: unknown[] };

/** A reader thread's answer: the value, or the error (an HTTP problem keeps its status and title). */
export type ReadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; problem?: { status: number; title: string; detail: string }; message: string };
