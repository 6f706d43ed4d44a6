import { expect } from 'chai';
import { resolveHousingFund } from '../../../workers/external/housing-fund';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('housing-fund (simulated)', () => {
  it('answers plausibly', async () => {
    const result = await resolveHousingFund(config).openEmployerAccount({ uscc: 'U', enterpriseName: 'E', depositRatePercent: 12 });
    expect(result.accountNumber).to.match(/^GJJ\d{12}$/);
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveHousingFund({ ...config, env: { ONEGO_EXTERNAL_HOUSING_FUND: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_HOUSING_FUND to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveHousingFund({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
