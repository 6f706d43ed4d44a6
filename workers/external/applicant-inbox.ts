/**
 * Messages to applicants in their online inbox (爱山东 / 一窗通 message centre): one-time notices (一次性告知),
 * rejections with reasons, results. The simulated inbox only records the message; nothing pretends to send SMS.
 */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

export interface ApplicantMessage {
  caseId: string;
  /** ID number or USCC: the applicant's single identity (一号通行). */
  recipientId: string;
  recipientName: string;
  subject: string;
  body: string;
}

export interface DeliveredMessage {
  messageId: string;
  channel: string;
  sentAt: string;
}

export interface ApplicantInbox {
  deliver(message: ApplicantMessage, sentAt: string): Promise<DeliveredMessage>;
}

export class SimulatedApplicantInbox implements ApplicantInbox {
  /** What was delivered, newest last (kept for inspection in tests and demos). */
  readonly delivered: Array<ApplicantMessage & DeliveredMessage> = [];

  constructor(private readonly settings: SimulationSettings) {}

  async deliver(message: ApplicantMessage, sentAt: string): Promise<DeliveredMessage> {
    await simulateCall(this.settings, 'applicant inbox', 'message delivery');
    const delivered = { messageId: `MSG${simulatedNumber(this.settings.random, 12)}`, channel: 'online-inbox (simulated)', sentAt };
    this.delivered.push({ ...message, ...delivered });
    return delivered;
  }
}

/** The inbox chosen by `ONEGO_EXTERNAL_APPLICANT_INBOX`. */
export function resolveApplicantInbox(config: WorkerConfig): ApplicantInbox {
  return chooseImplementation(config, 'APPLICANT_INBOX', { simulated: () => new SimulatedApplicantInbox(simulationSettings(config)) });
}
