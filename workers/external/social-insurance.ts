/**
 * The social-insurance agency's system (社会保险经办): employer registration together with employment
 * registration and labour filing through one entry, handled immediately on the pushed data.
 */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

export interface EmployerRegistration {
  uscc: string;
  enterpriseName: string;
  insuredEmployees: number;
}

export interface SocialInsuranceResult {
  registrationNumber: string;
  employmentRegistered: boolean;
  labourFiled: boolean;
}

export interface SocialInsuranceSystem {
  registerEmployer(registration: EmployerRegistration): Promise<SocialInsuranceResult>;
}

export class SimulatedSocialInsuranceSystem implements SocialInsuranceSystem {
  constructor(private readonly settings: SimulationSettings) {}

  async registerEmployer(registration: EmployerRegistration): Promise<SocialInsuranceResult> {
    await simulateCall(this.settings, 'social-insurance system', 'employer registration');
    return { registrationNumber: `SB${simulatedNumber(this.settings.random, 10)}`, employmentRegistered: true, labourFiled: registration.insuredEmployees > 0 };
  }
}

/** The system chosen by `ONEGO_EXTERNAL_SOCIAL_INSURANCE`. */
export function resolveSocialInsurance(config: WorkerConfig): SocialInsuranceSystem {
  return chooseImplementation(config, 'SOCIAL_INSURANCE', { simulated: () => new SimulatedSocialInsuranceSystem(simulationSettings(config)) });
}
