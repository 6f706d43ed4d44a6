// Messages: publishing one (buffered for its time to live) and correlating one now.
import type { Key, Variables } from './keys-and-variables';

export interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  timeToLiveMs: number;
  messageId?: string;
  variables?: Variables;
  tenantId?: string;
}

/** A message to correlate now, never buffered (Camunda 8.6+ correlate-message). */
export interface CorrelateMessageRequest {
  name: string;
  correlationKey: string;
  variables?: Variables;
  tenantId?: string;
}

/** Which process instance a correlated message reached (the one it started, for a message start event). */
export interface MessageCorrelationResult {
  key: Key;
  tenantId: string;
  processInstanceKey: Key;
}
