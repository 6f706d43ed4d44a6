import { expect } from 'chai';
import { resolveBank } from '../../../workers/external/bank';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('bank (simulated)', () => {
  it('answers plausibly', async () => {
    const result = await resolveBank(config).bookAccountOpening({ caseId: 'C', uscc: 'U', enterpriseName: 'E', bankBranch: '历下支行' });
    expect(result.bankBranch).to.equal('历下支行');
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveBank({ ...config, env: { ONEGO_EXTERNAL_BANK: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_BANK to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveBank({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
