import { expect } from 'chai';
import { ADMIN, AUDITOR, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

/**
 * Issue 13, "nothing on the engine thread that a caller can make long": a runaway FEEL expression sent to
 * `POST /v2/expression/evaluation` and a deployment that takes seconds to parse and validate run on an
 * isolation thread. The test runs in the engine's own process, so while the engine thread were held, no other
 * answer could arrive at all: a second client's answers arriving first show the engine thread was free.
 */

/** A BPMN with `count` sequence flows from elements that do not exist: `count` problems. */
function bpmnWithErrors(count: number): string {
  const flows = Array.from({ length: count }, (_, index) => `<bpmn:sequenceFlow id="f${index}" sourceRef="nowhere${index}" targetRef="start" />`).join('');
  return `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="errors" isExecutable="true"><bpmn:startEvent id="start" />${flows}</bpmn:process></bpmn:definitions>`;
}

/** A valid BPMN: start, `count` user tasks in a row, end (~110 KB per thousand). */
function longValidBpmn(count: number): string {
  const tasks = Array.from({ length: count }, (_, index) => `<bpmn:userTask id="t${index}" name="审查 ${index}" />`).join('');
  const flows = Array.from({ length: count + 1 }, (_, index) => {
    const source = index === 0 ? 'start' : `t${index - 1}`;
    const target = index === count ? 'end' : `t${index}`;
    return `<bpmn:sequenceFlow id="f${index}" sourceRef="${source}" targetRef="${target}" />`;
  }).join('');
  return `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="long-valid" isExecutable="true"><bpmn:startEvent id="start" />${tasks}<bpmn:endEvent id="end" />${flows}</bpmn:process></bpmn:definitions>`;
}

function deploy(bed: RestTestBed, name: string, xml: string): Promise<Response> {
  const form = new FormData();
  form.append('resources', new Blob([xml]), name);
  return fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` } });
}

/**
 * Starts `slow`, and once it is under way, a second client's topology and user-task search; resolves with the
 * order in which the three answers arrived and the slow one's answer.
 */
async function raceAgainstSecondClient(bed: RestTestBed, slow: () => Promise<Response>): Promise<{ order: string[]; slow: Response }> {
  const order: string[] = [];
  const slowAnswer = slow().then((response) => {
    order.push('slow');
    return response;
  });
  // Let the request reach the engine and its work start.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const topology = bed.call('GET', '/topology', { caller: AUDITOR }).then((response) => {
    order.push(`topology ${response.status}`);
  });
  const search = bed.call('POST', '/user-tasks/search', { caller: AUDITOR, body: {} }).then((response) => {
    order.push(`search ${response.status}`);
  });
  const [response] = await Promise.all([slowAnswer, topology, search]);
  return { order, slow: response };
}

describe('work a caller can make long runs off the engine thread (issue 13)', function () {
  this.timeout(120_000);
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
  });
  after(async () => {
    await bed?.close();
  });

  it('evaluates a runaway FEEL expression on an isolation thread: the second client is answered first, the caller gets 400 naming ONEGO_FEEL_MAX_MILLIS', async () => {
    // FEEL equality over a long list, 9,000 times: an operator, which no step count sees (patterns run on re2js and
    // recursion is counted since session 11), so only the time budget stops it (2 s off the engine thread)
    const expression = '={l: for i in 1..90000 return i, n: count(for x in 1..9000 return l = l)}.n';

    const { order, slow } = await raceAgainstSecondClient(bed, () => bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: { expression } }));

    expect(order.slice(0, 2).sort()).to.deep.equal(['search 200', 'topology 200']);
    expect(order[2]).to.equal('slow');
    expect(slow.status).to.equal(400);
    expect(((await slow.json()) as { detail: string }).detail).to.match(/FEEL 求值超时：最多 2000 毫秒.*within 2000 ms \(ONEGO_FEEL_MAX_MILLIS\)/);
    // and the thread is ready for the next expression
    const next = await bed.call('POST', '/expression/evaluation', { caller: ADMIN, body: { expression: '=sum(for x in [1, 2, 3] return x * 2)' } });
    expect(((await next.json()) as { result: unknown }).result).to.equal(12);
  });

  it('parses and validates a BPMN with 40,000 problems on an isolation thread and refuses it with INVALID_ARGUMENT, its first 100 problems and the count of the rest', async () => {
    const { order, slow } = await raceAgainstSecondClient(bed, () => deploy(bed, 'errors.bpmn', bpmnWithErrors(40_000)));

    expect(order.slice(0, 2).sort()).to.deep.equal(['search 200', 'topology 200']);
    expect(slow.status).to.equal(400);
    const problem = (await slow.json()) as { title: string; detail: string };
    expect(problem.title).to.equal('INVALID_ARGUMENT');
    expect(problem.detail).to.match(/^Expected to deploy new resources, but encountered the following errors:/);
    expect(problem.detail).to.match(/nowhere0/);
    const more = /and (\d+) more problems \((\d+) in all/.exec(problem.detail);
    expect(more, problem.detail.slice(-300)).to.not.equal(null);
    expect(Number(more![2])).to.be.at.least(40_000);
    expect(problem.detail.length).to.be.below(40_000);
    // the deployment command and its rejection are in the log, as for any refused deployment
    const rejection = bed.records((record) => record.valueType === 'DEPLOYMENT' && record.recordType === 'COMMAND_REJECTION');
    expect(rejection.map((record) => record.rejectionType)).to.include('INVALID_ARGUMENT');
  });

  it('deploys a valid BPMN of 3,000 tasks compiled on an isolation thread, and its instances run', async () => {
    const { order, slow } = await raceAgainstSecondClient(bed, () => deploy(bed, 'long-valid.bpmn', longValidBpmn(3_000)));

    expect(order.slice(0, 2).sort()).to.deep.equal(['search 200', 'topology 200']);
    expect(slow.status, await slow.clone().text()).to.equal(200);
    const created = await bed.call('POST', '/process-instances', { caller: ADMIN, body: { processDefinitionId: 'long-valid' } });
    expect(created.status).to.equal(200);
    const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };
    const first = await bed.record(
      (record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_ACTIVATED' && (record.value as { processInstanceKey: string; elementId: string }).processInstanceKey === processInstanceKey && (record.value as { elementId: string }).elementId === 't0',
    );
    expect(first.key).to.be.a('string');
  });
});
