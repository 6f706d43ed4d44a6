/** The bank chosen by the applicant (政银合作): takes the online account-opening appointment. */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

export interface AccountAppointmentRequest {
  caseId: string;
  uscc: string;
  enterpriseName: string;
  bankBranch: string;
}

export interface AccountAppointment {
  appointmentId: string;
  bankBranch: string;
}

export interface BankSystem {
  bookAccountOpening(request: AccountAppointmentRequest): Promise<AccountAppointment>;
}

export class SimulatedBankSystem implements BankSystem {
  constructor(private readonly settings: SimulationSettings) {}

  async bookAccountOpening(request: AccountAppointmentRequest): Promise<AccountAppointment> {
    await simulateCall(this.settings, 'bank', 'account-opening appointment');
    return { appointmentId: `YY${simulatedNumber(this.settings.random, 10)}`, bankBranch: request.bankBranch };
  }
}

/** The bank adapter chosen by `ONEGO_EXTERNAL_BANK`. */
export function resolveBank(config: WorkerConfig): BankSystem {
  return chooseImplementation(config, 'BANK', { simulated: () => new SimulatedBankSystem(simulationSettings(config)) });
}
