/**
 * The city's real-estate registration system (不动产登记信息平台): records a registration in the register
 * (登簿) and issues the electronic certificate or certification (不动产权证书 / 不动产登记证明). Simulated here.
 */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

/** What the register answers for one recorded registration. */
export interface RecordedRegistration {
  registrationNumber: string;
  /** 不动产权证书号 for ownership, 不动产登记证明号 for mortgages, seizures, objections and changes. */
  certificateNumber: string;
  certificateKind: 'certificate' | 'certification';
  recordedAt: string;
}

export interface RealEstateRegistry {
  record(request: { caseId: string; registrationType: string; propertyUnitNumber: string; placeName: string; recordedAt: string }): Promise<RecordedRegistration>;
}

/** Registration types that create or move ownership get a certificate (权证); the rest a certification (证明). */
const OWNERSHIP_TYPES = new Set(['transfer', 'transfer-mortgage-tax-paid', 'inheritance-non-notarised', 'government-organised', 'first-registration']);

/** Simulated register: numbers drawn from the configured random source, formatted as Shandong prints them. */
export class SimulatedRealEstateRegistry implements RealEstateRegistry {
  constructor(private readonly settings: SimulationSettings) {}

  async record(request: { caseId: string; registrationType: string; propertyUnitNumber: string; placeName: string; recordedAt: string }): Promise<RecordedRegistration> {
    await simulateCall(this.settings, 'real-estate registry', 'record');
    const year = request.recordedAt.slice(0, 4);
    const kind = OWNERSHIP_TYPES.has(request.registrationType) ? 'certificate' : 'certification';
    const serial = simulatedNumber(this.settings.random, 7);
    return {
      registrationNumber: `DJ${year}${simulatedNumber(this.settings.random, 8)}`,
      certificateNumber: `鲁（${year}）${request.placeName}不动产${kind === 'certificate' ? '权' : '证明'}第${serial}号`,
      certificateKind: kind,
      recordedAt: request.recordedAt,
    };
  }
}

/** The register chosen by `ONEGO_EXTERNAL_REAL_ESTATE` (default `simulated`). */
export function resolveRealEstateRegistry(config: WorkerConfig): RealEstateRegistry {
  return chooseImplementation(config, 'REAL_ESTATE', { simulated: () => new SimulatedRealEstateRegistry(simulationSettings(config)) });
}
