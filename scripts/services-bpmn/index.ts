/**
 * The service processes described in TypeScript and written as BPMN with a generated diagram.
 * `serviceModels` maps each process id to its builder; `generate.ts` writes them to `bpmn/`.
 */
import type { ModelBuilder } from './builder';
import { enterpriseOpening } from './enterprise-opening';
import { medicalInsuranceTransfer } from './medical-insurance-transfer';
import { talentCard } from './talent-card';
import { talentSchooling } from './talent-schooling';
import { talentStaffing } from './talent-staffing';

/** Process id → model builder, one entry per file in `bpmn/` this folder owns. */
export const serviceModels: Record<string, () => ModelBuilder> = {
  'enterprise-opening': enterpriseOpening,
  'talent-card': talentCard,
  'talent-staffing': talentStaffing,
  'talent-schooling': talentSchooling,
  'medical-insurance-transfer': medicalInsuranceTransfer,
};
