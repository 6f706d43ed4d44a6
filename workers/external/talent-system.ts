/**
 * The provincial high-level talent service information system (山东省高层次人才服务信息系统): makes and issues
 * the 山东惠才卡 and answers whether a card is valid (for the green-channel services).
 */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

/** Green-channel services the card opens (a selection of the 29; the full list is not in the seeds). */
export const GREEN_CHANNEL_SERVICES = ['出入境服务', '户籍办理', '医疗保健', '职称评审直通车', '子女入学', '编制实名制管理'] as const;

/** PROPOSED card validity: the seeds state none. */
export const CARD_VALIDITY_YEARS = 5;

export interface IssuedCard {
  cardNumber: string;
  category: string;
  validFrom: string;
  validUntil: string;
  services: string[];
}

export interface TalentSystem {
  issueCard(request: { caseId: string; talentName: string; talentIdNumber: string; category: string; issuedOn: string }): Promise<IssuedCard>;
  verifyCard(cardNumber: string, holderIdNumber: string): Promise<{ valid: boolean; reason?: string }>;
}

function addYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${String(year + years).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Simulated system: card numbers `HCK-<year>-<six digits>`; any card number of that shape is valid. */
export class SimulatedTalentSystem implements TalentSystem {
  constructor(private readonly settings: SimulationSettings) {}

  async issueCard(request: { category: string; issuedOn: string }): Promise<IssuedCard> {
    await simulateCall(this.settings, 'talent system', 'card issuance');
    const validFrom = request.issuedOn.slice(0, 10);
    return {
      cardNumber: `HCK-${validFrom.slice(0, 4)}-${simulatedNumber(this.settings.random, 6)}`,
      category: request.category,
      validFrom,
      validUntil: addYears(validFrom, CARD_VALIDITY_YEARS),
      services: [...GREEN_CHANNEL_SERVICES],
    };
  }

  async verifyCard(cardNumber: string): Promise<{ valid: boolean; reason?: string }> {
    await simulateCall(this.settings, 'talent system', 'card verification');
    return /^HCK-\d{4}-\d{6}$/.test(cardNumber) ? { valid: true } : { valid: false, reason: `卡号 ${cardNumber} 不是有效的山东惠才卡卡号` };
  }
}

/** The talent system chosen by `ONEGO_EXTERNAL_TALENT_SYSTEM`. */
export function resolveTalentSystem(config: WorkerConfig): TalentSystem {
  return chooseImplementation(config, 'TALENT_SYSTEM', { simulated: () => new SimulatedTalentSystem(simulationSettings(config)) });
}
