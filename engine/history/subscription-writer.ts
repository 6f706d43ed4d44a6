/**
 * History rows of the timers, signal and conditional subscriptions still open (only the 8.10 wait states read them, so a
 * timer's row leaves when it fires or is canceled). Together with jobs, user tasks and message subscriptions
 * (`message-subscription-writer.ts`) they answer "what is this element waiting for".
 */
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../api';
import { upsertSet } from './upsert-set';
import { keyOrNull, num, str } from './record-values';

/** The tables, created with the rest of the history schema (`history-schema.ts`). */
export const SUBSCRIPTION_TABLES = `
-- message_subscriptions itself is created with the other tables (message-subscription-writer.ts writes it)
CREATE INDEX IF NOT EXISTS message_subscriptions_by_process_instance ON message_subscriptions (process_instance_key);
CREATE INDEX IF NOT EXISTS message_subscriptions_by_element_instance ON message_subscriptions (element_instance_key);
CREATE TABLE IF NOT EXISTS open_timers (
  timer_key INTEGER PRIMARY KEY,
  element_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  due_date INTEGER NOT NULL,
  repetitions INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS open_timers_by_element_instance ON open_timers (element_instance_key);
CREATE TABLE IF NOT EXISTS open_signal_subscriptions (
  subscription_key INTEGER PRIMARY KEY,
  element_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  signal_name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS open_signal_subscriptions_by_element_instance ON open_signal_subscriptions (element_instance_key);
CREATE TABLE IF NOT EXISTS open_conditional_subscriptions (
  subscription_key INTEGER PRIMARY KEY,
  element_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  condition TEXT NOT NULL,
  variable_events TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS open_conditional_subscriptions_by_element_instance ON open_conditional_subscriptions (element_instance_key);
`;

/** Timers and signal subscriptions of the deployment (start events) have no element instance: -1. */
const NO_ELEMENT_INSTANCE = '-1';

export class SubscriptionWriter {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      timerOpened: db.prepare(`INSERT INTO open_timers (timer_key, element_instance_key, element_id, due_date, repetitions) VALUES (?, ?, ?, ?, ?) ON CONFLICT (timer_key) DO UPDATE SET ${upsertSet(['element_instance_key', 'element_id', 'due_date', 'repetitions'])}`),
      timerMigrated: db.prepare('UPDATE open_timers SET element_id = ? WHERE timer_key = ?'),
      timerClosed: db.prepare('DELETE FROM open_timers WHERE timer_key = ?'),
      signalOpened: db.prepare('INSERT OR REPLACE INTO open_signal_subscriptions (subscription_key, element_instance_key, element_id, signal_name) VALUES (?, ?, ?, ?)'),
      signalMigrated: db.prepare('UPDATE open_signal_subscriptions SET element_id = ? WHERE subscription_key = ?'),
      signalClosed: db.prepare('DELETE FROM open_signal_subscriptions WHERE subscription_key = ?'),
      conditionalOpened: db.prepare(
        'INSERT OR REPLACE INTO open_conditional_subscriptions (subscription_key, element_instance_key, element_id, condition, variable_events) VALUES (?, ?, ?, ?, ?)',
      ),
      conditionalClosed: db.prepare('DELETE FROM open_conditional_subscriptions WHERE subscription_key = ?'),
    };
  }

  /** TIMER events of element instances (boundary, intermediate, event-based gateway, event subprocess). */
  timer(record: EngineRecord): void {
    const value = record.value;
    const elementInstanceKey = keyOrNull(value.elementInstanceKey);
    if (record.intent === 'CREATED') {
      if (elementInstanceKey === null || elementInstanceKey === NO_ELEMENT_INSTANCE) return;
      this.statements.timerOpened.run(record.key, elementInstanceKey, str(value, 'targetElementId') ?? '', num(value, 'dueDate') ?? 0, num(value, 'repetitions') ?? 0);
    } else if (record.intent === 'MIGRATED') {
      this.statements.timerMigrated.run(str(value, 'targetElementId') ?? '', record.key);
    } else if (record.intent === 'TRIGGERED' || record.intent === 'CANCELED') {
      this.statements.timerClosed.run(record.key);
    }
  }

  /** SIGNAL_SUBSCRIPTION events of element instances (catch events, boundaries, event subprocesses). */
  signalSubscription(record: EngineRecord): void {
    const value = record.value;
    const elementInstanceKey = keyOrNull(value.catchEventInstanceKey);
    if (record.intent === 'CREATED') {
      if (elementInstanceKey === null || elementInstanceKey === NO_ELEMENT_INSTANCE) return;
      this.statements.signalOpened.run(record.key, elementInstanceKey, str(value, 'catchEventId') ?? '', str(value, 'signalName') ?? '');
    } else if (record.intent === 'MIGRATED') {
      this.statements.signalMigrated.run(str(value, 'catchEventId') ?? '', record.key);
    } else if (record.intent === 'DELETED') {
      this.statements.signalClosed.run(record.key);
    }
  }

  /** CONDITIONAL_SUBSCRIPTION events (Camunda 8.9): open while the catch event, boundary or event subprocess waits. */
  conditionalSubscription(record: EngineRecord): void {
    const value = record.value;
    if (record.intent === 'CREATED') {
      const elementInstanceKey = keyOrNull(value.elementInstanceKey);
      if (elementInstanceKey === null || elementInstanceKey === NO_ELEMENT_INSTANCE) return;
      const events = Array.isArray(value.variableEvents) ? value.variableEvents : [];
      this.statements.conditionalOpened.run(record.key, elementInstanceKey, str(value, 'catchEventId') ?? '', str(value, 'condition') ?? '', JSON.stringify(events));
    } else if (record.intent === 'DELETED') {
      this.statements.conditionalClosed.run(record.key);
    }
  }
}
