/**
 * The provincial engineering-project approval management system (工程建设项目审批管理系统): every case runs
 * in it ("系统外无审批"). Workers push stage materials to departments, send notices to applicants, record
 * commitments, verify approval documents, register drawing spot checks and issue e-certificates through it.
 * The simulated implementation keeps everything in memory, answers after a short random delay and fails
 * transiently at `ONEGO_SIM_FAILURE_RATE` (default 0.02), so the engine's retries are exercised.
 */
import { RetryableFailure, type WorkerConfig } from '../define-worker';
import { bilingualError } from '../bilingual';

export interface MaterialPushReceipt {
  department: string;
  receiptId: string;
}

export interface ApplicantNotice {
  caseId: string;
  kind: string;
  recipientName: string;
  subject: string;
  body: string;
}

export interface SentNotice {
  noticeId: string;
  channel: string;
  sentAt: string;
}

export interface IssuedCertificate {
  certificateNo: string;
  issuedAt: string;
}

/** What OneGo needs from the approval management system. */
export interface EngineeringApprovalSystem {
  /** Makes the stage's one form and materials visible to each department (审批要件网上推送). */
  pushMaterials(caseId: string, stage: number, departments: string[], at: string): Promise<MaterialPushReceipt[]>;
  /** Delivers a notice to the applicant's online account. */
  sendNotice(notice: ApplicantNotice, at: string): Promise<SentNotice>;
  /** Records a written commitment (告知承诺) and returns its id. */
  registerCommitment(caseId: string, item: string, at: string): Promise<string>;
  /** Whether an approval document number is on record for the item (e.g. the EIA approval). */
  verifyApprovalDocument(item: string, documentNo: string): Promise<boolean>;
  /** Registers construction drawings for the 100 % spot check; returns the spot-check id. */
  registerSpotCheck(caseId: string, projectCode: string, designUnit: string, at: string): Promise<string>;
  /** Issues an electronic certificate with the approval seal. */
  issueCertificate(caseId: string, title: string, holderName: string, at: string): Promise<IssuedCertificate>;
}

/** How the simulation behaves, from `ONEGO_SIM_DELAY_MS` (default 30, at most 200) and `ONEGO_SIM_FAILURE_RATE`. */
export interface SimulatedSystemSettings {
  maxDelayMs: number;
  failureRate: number;
  random: () => number;
}

function readRate(env: WorkerConfig['env'], key: string, fallback: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > max) throw bilingualError(`设置 ${key} 须为 0 到 ${max} 之间的数，收到的是「${raw}」`, `Expected ${key} to be a number from 0 to ${max}, but it is '${raw}'`);
  return value;
}

/** Reads and checks the simulation settings. */
export function simulatedSystemSettings(config: WorkerConfig): SimulatedSystemSettings {
  return {
    maxDelayMs: readRate(config.env, 'ONEGO_SIM_DELAY_MS', 30, 200),
    failureRate: readRate(config.env, 'ONEGO_SIM_FAILURE_RATE', 0.02, 1),
    random: config.random,
  };
}

/** Approval document numbers look like `鲁环审〔2025〕12号` or `EIA-2025-0012`; the simulation accepts these shapes. */
const documentNumber = /^(\S{1,8}〔\d{4}〕\d{1,6}号|[A-Z]{2,6}-\d{4}-\d{3,6})$/;

/** An in-memory stand-in with plausible delays and occasional transient failures. */
export class SimulatedEngineeringApprovalSystem implements EngineeringApprovalSystem {
  readonly notices: Array<ApplicantNotice & SentNotice> = [];
  readonly commitments = new Map<string, { caseId: string; item: string; at: string }>();
  readonly certificates: Array<IssuedCertificate & { caseId: string; title: string; holderName: string }> = [];
  private counter = 0;

  constructor(private readonly settings: SimulatedSystemSettings) {}

  private async call(operation: string): Promise<void> {
    const delay = Math.floor(this.settings.random() * this.settings.maxDelayMs);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (this.settings.failureRate > 0 && this.settings.random() < this.settings.failureRate) {
      throw new RetryableFailure(`工程建设项目审批管理系统未应答（模拟的临时故障），作业将自动重试 / the approval management system did not answer ${operation} (simulated transient failure); the job will be retried`, 5_000);
    }
  }

  private nextNumber(prefix: string): string {
    this.counter += 1;
    const serial = Math.floor(this.settings.random() * 1_000_000).toString().padStart(6, '0');
    return `${prefix}${serial}${this.counter.toString().padStart(4, '0')}`;
  }

  async pushMaterials(caseId: string, stage: number, departments: string[], _at: string): Promise<MaterialPushReceipt[]> {
    await this.call('pushMaterials');
    return [...new Set(departments)].map((department) => ({ department, receiptId: this.nextNumber(`PUSH-${stage}-`) }));
  }

  async sendNotice(notice: ApplicantNotice, at: string): Promise<SentNotice> {
    await this.call('sendNotice');
    const sent = { noticeId: this.nextNumber('NOTICE-'), channel: 'approval-system-inbox (simulated)', sentAt: at };
    this.notices.push({ ...notice, ...sent });
    return sent;
  }

  async registerCommitment(caseId: string, item: string, at: string): Promise<string> {
    await this.call('registerCommitment');
    const id = this.nextNumber('CMT-');
    this.commitments.set(id, { caseId, item, at });
    return id;
  }

  async verifyApprovalDocument(_item: string, documentNo: string): Promise<boolean> {
    await this.call('verifyApprovalDocument');
    return documentNumber.test(documentNo.trim());
  }

  async registerSpotCheck(_caseId: string, _projectCode: string, _designUnit: string, _at: string): Promise<string> {
    await this.call('registerSpotCheck');
    return this.nextNumber('SPOT-');
  }

  async issueCertificate(caseId: string, title: string, holderName: string, at: string): Promise<IssuedCertificate> {
    await this.call('issueCertificate');
    const issued = { certificateNo: this.nextNumber('CERT-'), issuedAt: at };
    this.certificates.push({ ...issued, caseId, title, holderName });
    return issued;
  }
}

const implementations: Record<string, (config: WorkerConfig) => EngineeringApprovalSystem> = {
  simulated: (config) => new SimulatedEngineeringApprovalSystem(simulatedSystemSettings(config)),
};

/** The system chosen by `ONEGO_EXTERNAL_ENGINEERING_APPROVAL_SYSTEM` (default `simulated`). */
export function resolveEngineeringApprovalSystem(config: WorkerConfig): EngineeringApprovalSystem {
  const variable = 'ONEGO_EXTERNAL_ENGINEERING_APPROVAL_SYSTEM';
  const name = config.env[variable] || 'simulated';
  const create = implementations[name];
  if (!create) throw bilingualError(`设置 ${variable} 须为 ${Object.keys(implementations).join('、')} 之一，收到的是「${name}」`, `Expected ${variable} to name one of ${Object.keys(implementations).join(', ')}, but it is '${name}'`);
  return create(config);
}

/**
 * Reads an instant the engine wrote (`2025-10-09T09:00:00+08:00`, `…Z`, or Java's zoned form with
 * `[Asia/Shanghai]` appended); undefined when it is not one.
 */
export function parseInstant(text: string): Date | undefined {
  const withoutZoneId = text.replace(/\[[^\]]+\]$/, '');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(withoutZoneId)) return undefined;
  const time = Date.parse(withoutZoneId);
  return Number.isNaN(time) ? undefined : new Date(time);
}
