import { expect } from 'chai';
import { REVIEW_BPMN, startAppsTestBed, XU_MING, ZHANG_SAN, type AppsTestBed } from '../apps-test-bed';

/**
 * A process the tax office's window may start (`real-estate-registration` is one of 税务局's processes in the demo
 * authorizations) whose first step goes to another department, 自然资源和规划局: the test model's shape, renamed.
 */
const HANDED_ON_BPMN = REVIEW_BPMN.replace(/apps-licence-review/g, 'real-estate-registration')
  .replace('营业执照审查（测试）', '不动产登记（测试）')
  .replace('candidateGroups="market-regulation"', 'candidateGroups="natural-resources"')
  .replace('<zeebe:formDefinition formId="real-estate-registration" />', '');

/** The window clerk who accepted a case follows it (`GET /v2/apps/tasklist/cases/{key}`) after it left their department. */
describe('the case page for the person who opened the case, over HTTP', function () {
  this.timeout(60_000);
  let bed: AppsTestBed;
  let processInstanceKey: string;

  before(async function () {
    bed = await startAppsTestBed();
    await bed.server.engine.deployResources([{ name: 'real-estate-registration.bpmn', content: Buffer.from(HANDED_ON_BPMN) }]);
    // given xu.ming (税务局) accepted a case that went on to 自然资源和规划局
    const created = await bed.call('POST', '/v2/process-instances', { user: XU_MING, body: { processDefinitionId: 'real-estate-registration', variables: { caseId: 'BDC-STARTER-1', caseTitle: '不动产登记：孙七' } } });
    expect(created.status, await created.clone().text()).to.equal(200);
    processInstanceKey = ((await created.json()) as { processInstanceKey: string }).processInstanceKey;
    await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
  });

  after(async function () {
    await bed?.close();
  });

  it('answers the clerk who opened it with the case number and where it is now, and nobody else outside the case', async function () {
    // the task is not xu.ming's to read: only the case page's starter rule lets him see the case
    const tasks = (await (await bed.call('POST', '/v2/user-tasks/search', { user: XU_MING, body: { filter: { processInstanceKey } } })).json()) as { items: unknown[] };
    expect(tasks.items).to.have.length(0);

    let answer: { case: { caseId: string }; currentSteps: { name: string; departments: string[]; assignee: string | null }[] } | undefined;
    for (let tries = 0; tries < 50 && !answer?.currentSteps.length; tries += 1) {
      const response = await bed.call('GET', `/v2/apps/tasklist/cases/${processInstanceKey}`, { user: XU_MING });
      expect(response.status, await response.clone().text()).to.equal(200);
      answer = (await response.json()) as typeof answer;
      if (!answer?.currentSteps.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answer!.case.caseId).to.equal('BDC-STARTER-1');
    expect(answer!.currentSteps).to.have.length(1);
    expect(answer!.currentSteps[0]).to.include({ name: '审查材料', assignee: null });
    expect(answer!.currentSteps[0].departments[0]).to.match(/自然资源和规划局/);

    // someone of another department who did not open it is told it is not there (no probing of keys)
    const other = await bed.call('GET', `/v2/apps/tasklist/cases/${processInstanceKey}`, { user: ZHANG_SAN });
    expect(other.status).to.equal(404);
    expect(((await other.json()) as { detail: string }).detail).to.include('未找到案件').and.include('not found');
  });

  it('lets the clerk who opened it read the case, not write notes into it', async function () {
    const note = await bed.call('POST', `/v2/apps/tasklist/cases/${processInstanceKey}/notes`, { user: XU_MING, body: { text: '申请人来电询问进度' } });
    expect(note.status).to.equal(404);
  });
});
