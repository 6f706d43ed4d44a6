import { expect } from 'chai';
import { resolveTax } from '../../../workers/external/tax';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('tax (simulated)', () => {
  it('answers plausibly', async () => {
    const result = await resolveTax(config).newTaxpayerPackage({ caseId: 'C', uscc: 'U', enterpriseName: 'E', invoiceTypes: ['ordinary-paper'] });
    expect(result.invoiceTypes).to.deep.equal(['ordinary-paper']);
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveTax({ ...config, env: { ONEGO_EXTERNAL_TAX: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_TAX to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveTax({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
