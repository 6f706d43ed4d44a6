/**
 * The seal-carving dispatch (印章刻制): the system hands the order to a licensed carving institution, which
 * carves the free set of four seals and delivers them to the unified pickup window.
 */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

/** The free set every new enterprise gets. */
export const FREE_SEALS = ['公章', '财务专用章', '发票专用章', '法定代表人名章'] as const;

export interface SealOrder {
  caseId: string;
  uscc: string;
  enterpriseName: string;
  legalRepresentativeName: string;
}

export interface SealDelivery {
  orderId: string;
  institution: string;
  seals: string[];
  deliveredTo: 'pickup-window';
}

export interface SealCarvingSystem {
  carveAndDeliver(order: SealOrder): Promise<SealDelivery>;
}

export class SimulatedSealCarvingSystem implements SealCarvingSystem {
  constructor(private readonly settings: SimulationSettings) {}

  async carveAndDeliver(order: SealOrder): Promise<SealDelivery> {
    await simulateCall(this.settings, 'seal-carving institution', 'seal order');
    const seals = FREE_SEALS.map((seal) => (seal === '法定代表人名章' ? `${seal}（${order.legalRepresentativeName}）` : `${order.enterpriseName}${seal}`));
    return { orderId: `KZ${simulatedNumber(this.settings.random, 10)}`, institution: '定点刻章企业', seals, deliveredTo: 'pickup-window' };
  }
}

/** The dispatch chosen by `ONEGO_EXTERNAL_SEAL_CARVING`. */
export function resolveSealCarving(config: WorkerConfig): SealCarvingSystem {
  return chooseImplementation(config, 'SEAL_CARVING', { simulated: () => new SimulatedSealCarvingSystem(simulationSettings(config)) });
}
