/** The city housing-provident-fund centre (住房公积金管理中心): opens the employer's deposit account at once. */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

export interface HousingFundAccountRequest {
  uscc: string;
  enterpriseName: string;
  depositRatePercent: number;
}

export interface HousingFundSystem {
  openEmployerAccount(request: HousingFundAccountRequest): Promise<{ accountNumber: string }>;
}

export class SimulatedHousingFundSystem implements HousingFundSystem {
  constructor(private readonly settings: SimulationSettings) {}

  async openEmployerAccount(_request: HousingFundAccountRequest): Promise<{ accountNumber: string }> {
    await simulateCall(this.settings, 'housing-fund system', 'employer account opening');
    return { accountNumber: `GJJ${simulatedNumber(this.settings.random, 12)}` };
  }
}

/** The system chosen by `ONEGO_EXTERNAL_HOUSING_FUND`. */
export function resolveHousingFund(config: WorkerConfig): HousingFundSystem {
  return chooseImplementation(config, 'HOUSING_FUND', { simulated: () => new SimulatedHousingFundSystem(simulationSettings(config)) });
}
