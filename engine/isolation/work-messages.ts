import type { FeelResult } from '../feel';
import type { CheckedDeployment, ResourceText } from './deployment-check';
import type { SplitOutcome, SplitRequest } from './json-body-split';

/** Work handed to an isolation thread; `id` pairs the reply with its caller. */
export type WorkRequest =
  | { id: number; op: 'evaluate-expression'; expression: string; now: number }
  | { id: number; op: 'check-deployment'; resources: ResourceText[] }
  | ({ id: number; op: 'split-json' } & SplitRequest);

/** What each kind of work answers. */
export interface WorkResults {
  'evaluate-expression': FeelResult;
  'check-deployment': CheckedDeployment;
  'split-json': SplitOutcome;
}

/** A thread's answer: the result, or the message of what threw. */
export type WorkReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
