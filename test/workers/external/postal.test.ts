import { expect } from 'chai';
import { resolvePostal } from '../../../workers/external/postal';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('postal (simulated)', () => {
  it('answers plausibly', async () => {
    const result = await resolvePostal(config).send({ caseId: 'C', recipient: 'R', phone: 'P', address: 'A', items: ['营业执照'] });
    expect(result.trackingNumber).to.match(/^EMS\d{10}$/);
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolvePostal({ ...config, env: { ONEGO_EXTERNAL_POSTAL: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_POSTAL to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolvePostal({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
