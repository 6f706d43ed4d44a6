/** Free government mailing of results (免费寄递): licence, seals, invoices and tax-control equipment. */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

export interface MailingRequest {
  caseId: string;
  recipient: string;
  phone: string;
  address: string;
  items: string[];
}

export interface PostalService {
  send(request: MailingRequest): Promise<{ trackingNumber: string }>;
}

export class SimulatedPostalService implements PostalService {
  constructor(private readonly settings: SimulationSettings) {}

  async send(_request: MailingRequest): Promise<{ trackingNumber: string }> {
    await simulateCall(this.settings, 'postal service', 'free mailing');
    return { trackingNumber: `EMS${simulatedNumber(this.settings.random, 10)}` };
  }
}

/** The postal service chosen by `ONEGO_EXTERNAL_POSTAL`. */
export function resolvePostal(config: WorkerConfig): PostalService {
  return chooseImplementation(config, 'POSTAL', { simulated: () => new SimulatedPostalService(simulationSettings(config)) });
}
