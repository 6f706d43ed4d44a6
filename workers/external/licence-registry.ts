/**
 * The enterprise registration system (企业登记, 一窗通) of the registration authority: automatic smart
 * approval for simple entity types, electronic business licence and unified social credit code (USCC).
 */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

/** What the registry needs to know about the enterprise. */
export interface RegistrationRequest {
  caseId: string;
  enterpriseName: string;
  entityType: string;
  businessScope: string;
}

/** Result of the automatic check (智能审批). */
export interface SmartApprovalResult {
  passed: boolean;
  /** Why the system handed the case to a person, when it did. */
  reasons: string[];
}

/** The licence as issued. */
export interface IssuedLicence {
  uscc: string;
  licenceNumber: string;
  electronicLicenceId: string;
  issuedAt: string;
}

export interface LicenceRegistry {
  smartApprove(request: RegistrationRequest): Promise<SmartApprovalResult>;
  issueLicence(request: RegistrationRequest, issuedAt: string): Promise<IssuedLicence>;
}

const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A USCC-shaped code: registration-authority code, administrative division, organisation code. */
export function simulatedUscc(random: () => number): string {
  let tail = '';
  for (let i = 0; i < 10; i++) tail += USCC_CHARACTERS[Math.floor(random() * USCC_CHARACTERS.length)];
  return `9137${simulatedNumber(random, 4)}${tail}`;
}

/** Simulated registry: names containing words reserved by law, or empty scopes, fail the automatic check. */
export class SimulatedLicenceRegistry implements LicenceRegistry {
  constructor(private readonly settings: SimulationSettings) {}

  async smartApprove(request: RegistrationRequest): Promise<SmartApprovalResult> {
    await simulateCall(this.settings, 'licence registry', 'smart approval');
    const reasons: string[] = [];
    if (/中国|中华|国家|全国/.test(request.enterpriseName)) reasons.push('企业名称含有需人工审查的字词');
    if (request.businessScope.trim().length < 4) reasons.push('经营范围表述不规范');
    return { passed: reasons.length === 0, reasons };
  }

  async issueLicence(request: RegistrationRequest, issuedAt: string): Promise<IssuedLicence> {
    await simulateCall(this.settings, 'licence registry', 'licence issuance');
    const uscc = simulatedUscc(this.settings.random);
    return { uscc, licenceNumber: `${uscc}-1-1`, electronicLicenceId: `EL-${uscc}`, issuedAt };
  }
}

/** The licence registry chosen by `ONEGO_EXTERNAL_LICENCE_REGISTRY`. */
export function resolveLicenceRegistry(config: WorkerConfig): LicenceRegistry {
  return chooseImplementation(config, 'LICENCE_REGISTRY', { simulated: () => new SimulatedLicenceRegistry(simulationSettings(config)) });
}
