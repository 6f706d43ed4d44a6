import { expect } from 'chai';
import { resolveMedicalInsurancePlatform } from '../../../workers/external/medical-insurance-platform';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('medical-insurance-platform (simulated)', () => {
  it('answers plausibly', async () => {
    const insured = { name: '王五', idNumber: '370102199203031234', socialSecurityCardNumber: 'A1' };
    expect(await resolveMedicalInsurancePlatform(config).checkEnrolment(insured, '济南市', 'employee')).to.deep.equal({ enrolled: true, reasons: [] });
    const strict = resolveMedicalInsurancePlatform({ ...config, env: { ...config.env, ONEGO_SIM_MI_NOT_ENROLLED: ' 1, 370102199203031234 ' } });
    expect((await strict.checkEnrolment(insured, '济南市', 'employee')).enrolled).to.equal(false);
    const certificate = await strict.closeParticipation({ transferRequestId: 'Z', insured, transferOutRegion: '青岛市', closedAt: 'T' });
    const transfer = await strict.transferPersonalAccount({ transferRequestId: 'Z', certificate });
    expect(transfer.amount).to.equal(certificate.personalAccountBalance);
    const merged = await strict.mergeRelationship({ insured, certificate, fundTransfer: transfer, priorContributionMonths: 10 });
    expect(merged.totalContributionMonths).to.equal(certificate.contributionMonths + 10);
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveMedicalInsurancePlatform({ ...config, env: { ONEGO_EXTERNAL_MEDICAL_INSURANCE_PLATFORM: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_MEDICAL_INSURANCE_PLATFORM to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveMedicalInsurancePlatform({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
