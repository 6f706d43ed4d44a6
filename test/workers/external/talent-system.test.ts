import { expect } from 'chai';
import { resolveTalentSystem } from '../../../workers/external/talent-system';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('talent-system (simulated)', () => {
  it('answers plausibly', async () => {
    const system = resolveTalentSystem(config);
    const card = await system.issueCard({ caseId: 'C', talentName: 'T', talentIdNumber: 'I', category: 'direct', issuedOn: '2026-02-29T09:00:00+08:00' });
    expect(card).to.include({ category: 'direct', validFrom: '2026-02-29', validUntil: '2031-02-29' });
    expect(await system.verifyCard(card.cardNumber, 'I')).to.deep.equal({ valid: true });
    expect((await system.verifyCard('HCK-1', 'I')).valid).to.equal(false);
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveTalentSystem({ ...config, env: { ONEGO_EXTERNAL_TALENT_SYSTEM: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_TALENT_SYSTEM to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveTalentSystem({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
