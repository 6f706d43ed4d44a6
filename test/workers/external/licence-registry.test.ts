import { expect } from 'chai';
import { resolveLicenceRegistry } from '../../../workers/external/licence-registry';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('licence-registry (simulated)', () => {
  it('answers plausibly', async () => {
    const registry = resolveLicenceRegistry(config);
    const request = { caseId: 'C1', enterpriseName: '济南泉城软件有限公司', entityType: 'natural-person-llc', businessScope: '软件开发' };
    expect(await registry.smartApprove(request)).to.deep.equal({ passed: true, reasons: [] });
    expect((await registry.smartApprove({ ...request, businessScope: '无' })).reasons).to.deep.equal(['经营范围表述不规范']);
    const licence = await registry.issueLicence(request, '2025-10-09T09:00:00+08:00');
    expect(licence.uscc).to.have.length(18);
    expect(licence.licenceNumber.startsWith(licence.uscc)).to.equal(true);
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveLicenceRegistry({ ...config, env: { ONEGO_EXTERNAL_LICENCE_REGISTRY: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_LICENCE_REGISTRY to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveLicenceRegistry({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
