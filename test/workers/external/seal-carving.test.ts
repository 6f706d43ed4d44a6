import { expect } from 'chai';
import { resolveSealCarving } from '../../../workers/external/seal-carving';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('seal-carving (simulated)', () => {
  it('answers plausibly', async () => {
    const result = await resolveSealCarving(config).carveAndDeliver({ caseId: 'C', uscc: 'U', enterpriseName: '甲公司', legalRepresentativeName: '张三' });
    expect(result.seals).to.have.length(4);
    expect(result.deliveredTo).to.equal('pickup-window');
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveSealCarving({ ...config, env: { ONEGO_EXTERNAL_SEAL_CARVING: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_SEAL_CARVING to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveSealCarving({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
