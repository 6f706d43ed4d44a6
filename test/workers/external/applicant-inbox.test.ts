import { expect } from 'chai';
import { resolveApplicantInbox, type SimulatedApplicantInbox } from '../../../workers/external/applicant-inbox';

const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' } as Record<string, string | undefined>, random: () => 0.42 };

describe('applicant-inbox (simulated)', () => {
  it('answers plausibly', async () => {
    const inbox = resolveApplicantInbox(config) as SimulatedApplicantInbox;
    const delivered = await inbox.deliver({ caseId: 'C', recipientId: 'ID', recipientName: '张三', subject: 'S', body: 'B' }, '2025-10-09T09:00:00+08:00');
    expect(delivered).to.include({ channel: 'online-inbox (simulated)', sentAt: '2025-10-09T09:00:00+08:00' });
    expect(inbox.delivered.map((message) => message.body)).to.deep.equal(['B']);
  });

  it('is refused under an implementation name nobody registered', () => {
    expect(() => resolveApplicantInbox({ ...config, env: { ONEGO_EXTERNAL_APPLICANT_INBOX: 'mainframe' } })).to.throw("Expected ONEGO_EXTERNAL_APPLICANT_INBOX to name one of simulated, but it is 'mainframe'");
  });

  it('fails transiently at the configured rate', async () => {
    const failing = resolveApplicantInbox({ env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' }, random: () => 0.42 });
    const call = Object.getOwnPropertyNames(Object.getPrototypeOf(failing)).find((method) => method !== 'constructor')!;
    const attempt = (failing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call]!.call(failing, {}, {}, {});
    await attempt.then(
      () => expect.fail('expected a transient failure'),
      (error: Error) => expect(error.message).to.contain('(simulated transient failure)'),
    );
  });
});
