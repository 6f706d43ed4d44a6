// What waits for an event in live state (Zeebe's MessageState, the two sides of message subscriptions,
// SignalSubscriptionState, compensation and conditional subscriptions): buffered messages and subscriptions.
import type { Key, Variables } from '../api';

/** A published message, buffered until its time to live ends. */
export interface MessageEntry {
  key: Key;
  /** Who published it (the PUBLISHED event's actor): later correlations check this caller's permissions. */
  publishedBy?: string;
  value: {
    name: string;
    correlationKey: string;
    timeToLive: number;
    messageId: string;
    variables: Variables;
    tenantId: string;
    deadline: number;
  };
}

/** What both sides of a message subscription record: the element waiting and the message it waits for. */
// A type (not an interface) so a value can be written as a record value as it is.
export type MessageSubscriptionValue = {
  messageName: string;
  correlationKey: string;
  elementInstanceKey: Key;
  processInstanceKey: Key;
  bpmnProcessId: string;
  elementId: string;
  /** Closes on correlation (catch events, receive tasks, interrupting boundary and event subprocess starts). */
  interrupting: boolean;
  tenantId: string;
  processDefinitionKey: Key;
  /** The message correlating or last correlated; `-1` before any. */
  messageKey: Key;
  /** That message's variables. */
  variables: Variables;
};

/** The message side of a subscription (Zeebe's MessageSubscription): what a published message meets. */
export interface MessageSubscriptionEntry {
  key: Key;
  value: MessageSubscriptionValue;
  /** True from CORRELATING until the process side acknowledged (CORRELATED) or refused (REJECTED). */
  correlating?: boolean;
}

/** The process-instance side of a subscription (Zeebe's ProcessMessageSubscription): what the element holds. */
export interface ProcessMessageSubscriptionEntry {
  key: Key;
  value: MessageSubscriptionValue & { subscriptionPartitionId: number };
  /** CREATING until the message side confirmed it, DELETING once the element let go of it. */
  state: 'CREATING' | 'CREATED' | 'DELETING';
}

/** A message start event of a latest process version, waiting for its message. */
export interface MessageStartSubscriptionEntry {
  /** The subscription's key: every record about it (CREATED, CORRELATED, DELETED) carries it, as in Zeebe. */
  key: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  startEventId: string;
  messageName: string;
  tenantId: string;
}

/** A signal catch event (or signal start event) waiting for its signal. */
export interface SignalSubscriptionEntry {
  key: Key;
  value: {
    signalName: string;
    catchEventId: string;
    catchEventInstanceKey: Key;
    processDefinitionKey: Key;
    bpmnProcessId: string;
    tenantId: string;
  };
}

/** Zeebe's CompensationSubscriptionRecord: a completed activity that a compensation throw event can undo. */
export type CompensationSubscriptionValue = {
  tenantId: string;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  compensableActivityId: string;
  /** The flow scope the activity completed in (its subprocess, or the process). */
  compensableActivityScopeKey: Key;
  compensableActivityInstanceKey: Key;
  /** Empty for a subprocess that is compensable only through the activities inside it. */
  compensationHandlerId: string;
  /** Set when triggered: which throw event invoked the handler, and the handler's instance ('-1' for none). */
  throwEventId: string;
  throwEventInstanceKey: Key;
  compensationHandlerInstanceKey: Key;
  variables: Record<string, unknown>;
};

/** A compensation subscription by its key. */
export interface CompensationSubscriptionEntry {
  key: Key;
  value: CompensationSubscriptionValue;
}

/** A conditional event waiting for its condition, held by the instance that evaluates it (Camunda 8.9). */
export interface ConditionalSubscriptionEntry {
  key: Key;
  value: {
    /** Where the condition is evaluated: the catch event itself, the boundary's activity, or the event subprocess's scope. */
    scopeKey: Key;
    elementInstanceKey: Key;
    processInstanceKey: Key;
    processDefinitionKey: Key;
    bpmnProcessId: string;
    catchEventId: string;
    condition: string;
    variableNames: string[];
    variableEvents: string[];
    interrupting: boolean;
    tenantId: string;
  };
}
