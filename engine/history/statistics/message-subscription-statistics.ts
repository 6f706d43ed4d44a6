/**
 * Camunda 8.9's `POST /v2/process-definitions/statistics/message-subscriptions`: per process definition (and
 * tenant) with open message subscriptions, how many subscriptions are open and in how many process instances.
 * The filter is Camunda's message-subscription filter; pages go forward by cursor (`page.after`, `page.limit`),
 * in process-definition-key order. Open means in state CREATED (not yet correlated, deleted or migrated away).
 */
import type Database from 'better-sqlite3';
import { badRequest } from '../../gateway/rest/problem';
import { filterConditions, type SqlField } from '../sql-search';
import { onlyFields } from './grouped-page';

/** `ProcessDefinitionMessageSubscriptionStatisticsResult`. */
export interface MessageSubscriptionStatistics {
  processDefinitionId: string;
  tenantId: string;
  processDefinitionKey: string;
  processInstancesWithActiveSubscriptions: number;
  activeSubscriptions: number;
}

/** `ProcessDefinitionMessageSubscriptionStatisticsQueryResult`. */
export interface MessageSubscriptionStatisticsPage {
  items: MessageSubscriptionStatistics[];
  page: { totalItems: number; hasMoreTotalItems: boolean; startCursor?: string; endCursor?: string };
}

/** Camunda's message-subscription filter fields and their columns. */
const FILTERS: Record<string, SqlField> = {
  messageSubscriptionKey: { sql: 'message_subscription_key', kind: 'key' },
  processDefinitionId: { sql: 'process_definition_id', kind: 'string' },
  processDefinitionKey: { sql: 'process_definition_key', kind: 'key' },
  processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
  elementId: { sql: 'element_id', kind: 'string' },
  elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
  messageSubscriptionState: { sql: 'state', kind: 'string' },
  lastUpdatedDate: { sql: 'last_updated_date', kind: 'date' },
  messageName: { sql: 'message_name', kind: 'string' },
  correlationKey: { sql: 'correlation_key', kind: 'string' },
  tenantId: { sql: 'tenant_id', kind: 'string' },
};

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

/** A cursor names the last group of a page: its definition key and tenant. */
function encodeCursor(key: string, tenantId: string): string {
  return Buffer.from(JSON.stringify([key, tenantId]), 'utf8').toString('base64');
}

function decodeCursor(cursor: unknown): [string, string] {
  if (typeof cursor === 'string' && cursor !== '') {
    try {
      const values = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
      if (Array.isArray(values) && values.length === 2 && /^\d+$/.test(String(values[0])) && typeof values[1] === 'string') return [String(values[0]), values[1]];
    } catch {
      // refused below
    }
  }
  throw badRequest(`Expected 'page.after' to be a cursor from an earlier answer, but was ${JSON.stringify(cursor)}. / page.after 须为先前应答中的游标。`);
}

function readPage(page: unknown): { limit: number; after?: [string, string] } {
  if (page === undefined || page === null) return { limit: DEFAULT_LIMIT };
  if (typeof page !== 'object' || Array.isArray(page)) throw badRequest(`Expected 'page' to be an object, but was ${JSON.stringify(page)}.`);
  const { limit = DEFAULT_LIMIT, after, ...rest } = page as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw badRequest(`Expected 'page' to hold only 'after' and 'limit' (forward cursor paging), but it holds '${unknown[0]}'. / page 只接受 after 和 limit。`);
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`Expected 'page.limit' to be an integer from 1 to ${MAX_LIMIT}, but was ${JSON.stringify(limit)}.`);
  }
  return { limit, after: after === undefined || after === null ? undefined : decodeCursor(after) };
}

/** One page of the statistics; `body` is the request (`filter`, `page`). */
export function messageSubscriptionStatistics(db: Database.Database, body: Record<string, unknown>): MessageSubscriptionStatisticsPage {
  onlyFields(body, ['filter', 'page']);
  const params: unknown[] = [];
  const conditions = ["state = 'CREATED'", 'process_definition_key IS NOT NULL', ...filterConditions('message subscription', FILTERS, body.filter, 'filter', params)];
  const { limit, after } = readPage(body.page);
  const groups = `SELECT process_definition_key AS definitionKey, tenant_id AS tenantId, MAX(process_definition_id) AS processDefinitionId,
      COUNT(*) AS active, COUNT(DISTINCT process_instance_key) AS instances
    FROM message_subscriptions WHERE ${conditions.join(' AND ')} GROUP BY process_definition_key, tenant_id`;
  const totalItems = (db.prepare(`SELECT COUNT(*) AS n FROM (${groups})`).get(...params) as { n: number }).n;
  const window = after ? 'WHERE definitionKey > CAST(? AS INTEGER) OR (definitionKey = CAST(? AS INTEGER) AND tenantId > ?)' : '';
  const windowParams = after ? [after[0], after[0], after[1]] : [];
  const rows = db
    .prepare(`SELECT CAST(definitionKey AS TEXT) AS key, tenantId, processDefinitionId, active, instances FROM (${groups}) ${window} ORDER BY definitionKey, tenantId LIMIT ?`)
    .all(...params, ...windowParams, limit) as { key: string; tenantId: string; processDefinitionId: string | null; active: number; instances: number }[];
  const items = rows.map((row) => ({
    processDefinitionId: row.processDefinitionId ?? '',
    tenantId: row.tenantId,
    processDefinitionKey: row.key,
    processInstancesWithActiveSubscriptions: Number(row.instances),
    activeSubscriptions: Number(row.active),
  }));
  const page: MessageSubscriptionStatisticsPage['page'] = { totalItems, hasMoreTotalItems: false };
  if (rows.length > 0) {
    page.startCursor = encodeCursor(rows[0].key, rows[0].tenantId);
    page.endCursor = encodeCursor(rows[rows.length - 1].key, rows[rows.length - 1].tenantId);
  }
  return { items, page };
}
