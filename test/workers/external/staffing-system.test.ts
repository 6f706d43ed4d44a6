import { expect } from 'chai';
import { resolveStaffingSystem } from '../../../workers/external/staffing-system';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('staffing-system (simulated)', () => {
  it('answers plausibly', async () => {
    const result = await resolveStaffingSystem(config).recordRealName({ caseId: 'C', cardNumber: 'HCK-2025-000001', talentName: 'T', employerUscc: 'U', positionTitle: 'P' });
    expect(result.filingNumber).to.match(/^BZ\d{10}$/);
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveStaffingSystem({ ...config, env: { ONEGO_EXTERNAL_STAFFING_SYSTEM: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_STAFFING_SYSTEM to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveStaffingSystem({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
