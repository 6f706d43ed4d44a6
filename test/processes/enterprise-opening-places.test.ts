import { expect } from 'chai';
import {
  completedJobs,
  moveClockTo,
  records,
  shanghai,
  startServiceBed,
  stopServiceBed,
  waitFor,
  waitForTasks,
  waitForVariable,
  type ServiceBed,
} from './service-bed';
import { ENTERPRISE_OPENING_FILES } from './enterprise-opening-files';
import { enterpriseApplicationSample } from '../support/sample-applications';
import { claimAndComplete, startCaseAs, taskSeenBy, tasksSeenBy } from './demo-staff';

/*
 * Link B of enterprise opening belongs to the enterprise's place, as link A does: when the seal carving or the
 * new-taxpayer package overruns its 2 hours, the 督办 goes to the supervisors of that place's public-security and
 * tax offices (demo identity, `--auth basic`), not to a province-wide group and not to another place's office.
 * Both external systems are configured to an adapter that does not exist, so their jobs fail and the clocks run out.
 */

const FILES = ENTERPRISE_OPENING_FILES;

describe('enterprise opening’s seal carving and tax steps by place', function () {
  this.timeout(120_000);
  let bed: ServiceBed | undefined;

  afterEach(async () => {
    await stopServiceBed(bed);
    bed = undefined;
  });

  it('sends the overdue tax and seal steps of a 历下区 enterprise to 历下区’s tax office and public security, and their city supervisors', async () => {
    // given tax and seal-carving systems that never answer
    const unavailable = { ONEGO_EXTERNAL_TAX: 'unavailable', ONEGO_EXTERNAL_SEAL_CARVING: 'unavailable' };
    bed = await startServiceBed(shanghai('2025-09-29T09:30:00'), FILES, unavailable, { auth: 'demo' });
    const variables = { caseId: 'QYKB-E2E-LIXIA-TAX', ...enterpriseApplicationSample(), jurisdiction: '370102' };
    const key = await startCaseAs(bed, 'lixia.shenpi', 'enterprise-opening', variables);
    const guidance = await taskSeenBy(bed, 'lixia.shenpi', key, 'Task_MaterialGuidance');
    await claimAndComplete(bed, 'lixia.shenpi', guidance!.userTaskKey, { materialsComplete: true });

    // when both 2-hour steps run out
    const tax = await waitForVariable<{ dueAt: string }>(bed, key, 'deadline_tax');
    const seal = await waitForVariable<{ dueAt: string }>(bed, key, 'deadline_seal');
    await waitFor(bed, 'the failing tax job', () => records(bed!, (r) => r.valueType === 'JOB' && r.intent === 'FAILED' && r.value.type === 'enterprise-new-taxpayer-package')[0]);
    await moveClockTo(bed, Math.max(Date.parse(tax.dueAt), Date.parse(seal.dueAt)));

    // then each 督办 goes to the supervisors of the enterprise's place
    const supervisions = await waitForTasks(bed, key, 'Task_Case_SuperviseStep', 2);
    expect(supervisions.map((task) => task.candidateGroups[0]).sort()).to.deep.equal(['public-security-370102-supervisors', 'tax-370102-supervisors']);
    const seenBy = async (username: string) => (await tasksSeenBy(bed!, username, key)).filter((task) => task.elementId === 'Task_Case_SuperviseStep').map((task) => task.candidateGroups?.[0]);
    expect(await seenBy('lixia.shuiwu.duban')).to.deep.equal(['tax-370102-supervisors']);
    expect(await seenBy('jinan.shuiwu.duban'), '济南’s city tax supervisor').to.deep.equal(['tax-370102-supervisors']);
    expect(await seenBy('shinan.shuiwu.duban'), '市南区’s tax supervisor').to.deep.equal([]);
    expect(await seenBy('qingdao.shuiwu.duban'), '青岛’s tax supervisor').to.deep.equal([]);
    expect(await seenBy('lixia.gongan.duban')).to.deep.equal(['public-security-370102-supervisors']);
    expect(await seenBy('he.ping'), 'the province-wide tax supervisor').to.deep.equal([]);
    const redLights = completedJobs(bed, key, 'light-notify').map((job) => job.value.elementId);
    expect(redLights).to.include.members(['Task_TaxPackage_NotifyRed', 'Task_SealCarving_NotifyRed']);
  });
});
