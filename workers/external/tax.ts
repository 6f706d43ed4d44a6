/**
 * The tax system's new-taxpayer package (新办纳税人套餐): tax registration from the licence data, invoices
 * (not VAT special invoices) and tax-control equipment delivered to the pickup window.
 */
import type { WorkerConfig } from '../define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings, type SimulationSettings } from './simulated-call';

export interface NewTaxpayerRequest {
  caseId: string;
  uscc: string;
  enterpriseName: string;
  invoiceTypes: string[];
}

export interface NewTaxpayerPackage {
  taxRegistrationId: string;
  invoiceTypes: string[];
  taxControlDeviceId: string;
  deliveredTo: 'pickup-window';
}

export interface TaxSystem {
  newTaxpayerPackage(request: NewTaxpayerRequest): Promise<NewTaxpayerPackage>;
}

export class SimulatedTaxSystem implements TaxSystem {
  constructor(private readonly settings: SimulationSettings) {}

  async newTaxpayerPackage(request: NewTaxpayerRequest): Promise<NewTaxpayerPackage> {
    await simulateCall(this.settings, 'tax system', 'new-taxpayer package');
    return {
      taxRegistrationId: `SW${simulatedNumber(this.settings.random, 10)}`,
      invoiceTypes: request.invoiceTypes,
      taxControlDeviceId: `SK${simulatedNumber(this.settings.random, 8)}`,
      deliveredTo: 'pickup-window',
    };
  }
}

/** The tax system chosen by `ONEGO_EXTERNAL_TAX`. */
export function resolveTax(config: WorkerConfig): TaxSystem {
  return chooseImplementation(config, 'TAX', { simulated: () => new SimulatedTaxSystem(simulationSettings(config)) });
}
