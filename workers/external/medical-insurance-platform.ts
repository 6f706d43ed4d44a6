/**
 * The provincial medical-insurance platform (省级医疗保险关系异地转移平台 and the 医保 business system):
 * employer registration for new enterprises, and the within-province transfer of an insured person's
 * relationship — enrolment check, transfer request, electronic participation certificate (参保凭证),
 * personal-account transfer and the merge at the transfer-in place. Everything is electronic.
 */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

export interface InsuredPerson {
  name: string;
  idNumber: string;
  socialSecurityCardNumber: string;
}

export interface EnrolmentCheck {
  enrolled: boolean;
  reasons: string[];
}

/** The electronic participation certificate from the transfer-out agency. */
export interface ParticipationCertificate {
  certificateNumber: string;
  transferOutRegion: string;
  contributionMonths: number;
  personalAccountBalance: number;
  participationEndedAt: string;
}

export interface FundTransfer {
  fundTransferId: string;
  amount: number;
}

export interface MergedRelationship {
  totalContributionMonths: number;
  creditedAmount: number;
  benefitsContinuous: boolean;
}

export interface MedicalInsurancePlatform {
  registerEmployer(request: { uscc: string; enterpriseName: string; insuredEmployees: number }): Promise<{ registrationNumber: string }>;
  checkEnrolment(insured: InsuredPerson, transferInRegion: string, scheme: string): Promise<EnrolmentCheck>;
  requestTransfer(request: { caseId: string; insured: InsuredPerson; transferOutRegion: string; transferInRegion: string; scheme: string }): Promise<{ transferRequestId: string }>;
  closeParticipation(request: { transferRequestId: string; insured: InsuredPerson; transferOutRegion: string; closedAt: string }): Promise<ParticipationCertificate>;
  transferPersonalAccount(request: { transferRequestId: string; certificate: ParticipationCertificate }): Promise<FundTransfer>;
  mergeRelationship(request: { insured: InsuredPerson; certificate: ParticipationCertificate; fundTransfer: FundTransfer; priorContributionMonths: number }): Promise<MergedRelationship>;
}

/**
 * Simulated platform. Everyone is enrolled at the transfer-in place except the ID numbers listed in
 * `ONEGO_SIM_MI_NOT_ENROLLED` (comma-separated), so demos and tests can reach the rejection.
 */
export class SimulatedMedicalInsurancePlatform implements MedicalInsurancePlatform {
  constructor(
    private readonly settings: SimulationSettings,
    private readonly notEnrolled: ReadonlySet<string>,
  ) {}

  async registerEmployer(_request: { uscc: string; enterpriseName: string; insuredEmployees: number }): Promise<{ registrationNumber: string }> {
    await simulateCall(this.settings, 'medical-insurance platform', 'employer registration');
    return { registrationNumber: `YB${simulatedNumber(this.settings.random, 10)}` };
  }

  async checkEnrolment(insured: InsuredPerson, transferInRegion: string, _scheme: string): Promise<EnrolmentCheck> {
    await simulateCall(this.settings, 'medical-insurance platform', 'enrolment check');
    if (this.notEnrolled.has(insured.idNumber)) {
      return { enrolled: false, reasons: [`参保人未在转入地（${transferInRegion}）参保，请先办理参保登记`] };
    }
    return { enrolled: true, reasons: [] };
  }

  async requestTransfer(_request: { caseId: string }): Promise<{ transferRequestId: string }> {
    await simulateCall(this.settings, 'medical-insurance platform', 'transfer request');
    return { transferRequestId: `ZY${simulatedNumber(this.settings.random, 12)}` };
  }

  async closeParticipation(request: { transferRequestId: string; transferOutRegion: string; closedAt: string }): Promise<ParticipationCertificate> {
    await simulateCall(this.settings, 'medical-insurance platform', 'participation closing');
    const contributionMonths = 12 + Math.floor(this.settings.random() * 240);
    const personalAccountBalance = Math.round(this.settings.random() * 2_000_000) / 100;
    return {
      certificateNumber: `CBPZ${simulatedNumber(this.settings.random, 12)}`,
      transferOutRegion: request.transferOutRegion,
      contributionMonths,
      personalAccountBalance,
      participationEndedAt: request.closedAt,
    };
  }

  async transferPersonalAccount(request: { certificate: ParticipationCertificate }): Promise<FundTransfer> {
    await simulateCall(this.settings, 'medical-insurance platform', 'personal-account transfer');
    return { fundTransferId: `HZ${simulatedNumber(this.settings.random, 12)}`, amount: request.certificate.personalAccountBalance };
  }

  async mergeRelationship(request: { certificate: ParticipationCertificate; fundTransfer: FundTransfer; priorContributionMonths: number }): Promise<MergedRelationship> {
    await simulateCall(this.settings, 'medical-insurance platform', 'relationship merge');
    return {
      totalContributionMonths: request.priorContributionMonths + request.certificate.contributionMonths,
      creditedAmount: request.fundTransfer.amount,
      benefitsContinuous: true,
    };
  }
}

/** The platform chosen by `ONEGO_EXTERNAL_MEDICAL_INSURANCE_PLATFORM`. */
export function resolveMedicalInsurancePlatform(config: WorkerConfig): MedicalInsurancePlatform {
  const notEnrolled = new Set(
    (config.env.ONEGO_SIM_MI_NOT_ENROLLED ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );
  return chooseImplementation(config, 'MEDICAL_INSURANCE_PLATFORM', {
    simulated: () => new SimulatedMedicalInsurancePlatform(simulationSettings(config), notEnrolled),
  });
}
