import { expect } from 'chai';
import { resolveSocialInsurance } from '../../../workers/external/social-insurance';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('social-insurance (simulated)', () => {
  it('answers plausibly', async () => {
    const result = await resolveSocialInsurance(config).registerEmployer({ uscc: 'U', enterpriseName: 'E', insuredEmployees: 0 });
    expect(result).to.include({ employmentRegistered: true, labourFiled: false });
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveSocialInsurance({ ...config, env: { ONEGO_EXTERNAL_SOCIAL_INSURANCE: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_SOCIAL_INSURANCE to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveSocialInsurance({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
