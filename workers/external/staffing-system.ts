/**
 * The provincial staffing management system (山东省机构编制综合管理信息系统): records a card holder in the
 * public institution's staffing quota under real-name management.
 */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

export interface RealNameFiling {
  caseId: string;
  cardNumber: string;
  talentName: string;
  employerUscc: string;
  positionTitle: string;
}

export interface StaffingSystem {
  recordRealName(filing: RealNameFiling): Promise<{ filingNumber: string }>;
}

export class SimulatedStaffingSystem implements StaffingSystem {
  constructor(private readonly settings: SimulationSettings) {}

  async recordRealName(_filing: RealNameFiling): Promise<{ filingNumber: string }> {
    await simulateCall(this.settings, 'staffing system', 'real-name filing');
    return { filingNumber: `BZ${simulatedNumber(this.settings.random, 10)}` };
  }
}

/** The system chosen by `ONEGO_EXTERNAL_STAFFING_SYSTEM`. */
export function resolveStaffingSystem(config: WorkerConfig): StaffingSystem {
  return chooseImplementation(config, 'STAFFING_SYSTEM', { simulated: () => new SimulatedStaffingSystem(simulationSettings(config)) });
}
