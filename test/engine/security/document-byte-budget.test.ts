import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadGatewayService } from '../../../engine/gateway/grpc/proto';
import { basicAuthorization } from '../../../engine/identity/basic-credentials';
import { DOCUMENT_BYTES_PER_CALLER_PER_SECOND, DocumentByteBudget } from '../../../engine/gateway/document-byte-budget';
import { straightThroughProcess } from '../gateway/support/bpmn';
import { ADMIN, LI_SI, startRestTestBed, type Caller, type RestTestBed } from '../gateway/rest/rest-test-bed';

describe('each signed-in caller may send so many bytes of documents per second (ONEGO_DOCUMENT_BYTES_PER_CALLER_PER_SECOND)', function () {
  this.timeout(120_000);
  let bed: RestTestBed;
  before(async () => {
    // 1,000,000 bytes a second, so a 3.5 MB document puts its caller 3.5 s in debt, however loaded the machine is
    process.env.ONEGO_DOCUMENT_BYTES_PER_CALLER_PER_SECOND = '1000000';
    try {
      bed = await startRestTestBed({ auth: 'basic' });
    } finally {
      delete process.env.ONEGO_DOCUMENT_BYTES_PER_CALLER_PER_SECOND;
    }
    await bed.sdk(ADMIN).deployResources([{ name: 'budget.bpmn', content: straightThroughProcess('budget') }] as never);
  });
  after(async () => {
    await bed?.close();
  });

  it('lets one document through after a pause, whatever its size, then refuses a flood and recovers after a second', () => {
    // given a clock the test moves
    let now = 0;
    const budget = new DocumentByteBudget(1000, () => now);
    // then
    expect(budget.take('a', 3000), 'a full bucket lets a big document through').to.equal(true);
    expect(budget.take('a', 10), 'in debt').to.equal(false);
    expect(budget.take('b', 900), 'another caller has a bucket of its own').to.equal(true);
    now = 1500;
    expect(budget.take('a', 10), 'still paying 2,000 bytes of debt at 1,000 a second').to.equal(false);
    now = 2100;
    expect(budget.take('a', 10), 'after the debt is repaid').to.equal(true);
    expect(new DocumentByteBudget(0, () => now).take('a', 1e9), '0 turns it off').to.equal(true);
  });

  it('answers 429 RESOURCE_EXHAUSTED naming the setting (English and Chinese) to a caller flooding 3.5 MB documents, and keeps serving others', async () => {
    // given documents of 3.5 MB, and a budget of 1,000,000 bytes a second
    const rows = Array.from({ length: 35_000 }, (_, index) => ({ row: index, text: 'x'.repeat(70) }));
    const body = { processDefinitionId: 'budget', variables: { rows } };
    expect(JSON.stringify(body).length).to.be.within(3_000_000, 4_000_000);
    expect(DOCUMENT_BYTES_PER_CALLER_PER_SECOND, 'the default').to.equal(8 * 1024 * 1024);

    // when the admin sends twelve at once
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 12 }, () => bed.call('POST', '/process-instances', { caller: ADMIN, body })));
    const seconds = (performance.now() - started) / 1000;

    // then no more are taken than the budget allows over that time: one from the full bucket, then one each time
    // the debt is repaid and the bucket full again
    const bytes = Buffer.byteLength(JSON.stringify(body));
    const created = answers.filter((answer) => answer.status === 200).length;
    expect(created).to.be.at.least(1);
    expect(created).to.be.at.most(Math.floor(seconds / (bytes / 1_000_000)) + 1);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length + created).to.equal(12);
    expect(refused.length).to.be.at.least(1);
    const problem = (await refused[0].json()) as { title: string; detail: string };
    expect(problem.title).to.equal('RESOURCE_EXHAUSTED');
    expect(problem.detail).to.contain('ONEGO_DOCUMENT_BYTES_PER_CALLER_PER_SECOND');
    expect(problem.detail).to.contain('请稍后重试');

    // and another caller is served at once, and the admin again after a pause
    const other = await bed.call('POST', '/process-instances', { caller: LI_SI, body: { processDefinitionId: 'budget', variables: { small: 1 } } });
    expect(other.status, await other.clone().text()).to.not.equal(429);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const later = await bed.call('POST', '/process-instances', { caller: ADMIN, body });
    expect(later.status, await later.clone().text()).to.equal(200);
  });

  it('answers RESOURCE_EXHAUSTED naming the setting to a signed-in gRPC caller flooding 3.5 MB documents, and keeps serving others', async () => {
    // given a gRPC client, documents of 3.5 MB, and a budget of 1,000,000 bytes a second
    const Gateway = grpc.makeGenericClientConstructor(loadGatewayService(), 'Gateway');
    const client = new Gateway(bed.server.grpcAddress, grpc.credentials.createInsecure());
    // a process an approval-service clerk may start (the demo identity grants her department 'enterprise-opening')
    await bed.sdk(ADMIN).deployResources([{ name: 'opening.bpmn', content: straightThroughProcess('enterprise-opening') }] as never);
    const QIN_YUE: Caller = { username: 'qin.yue', password: 'onego-demo' };
    const create = (caller: Caller, variables: object, bpmnProcessId = 'budget') =>
      new Promise<{ code: number; details: string }>((resolve) => {
        const metadata = new grpc.Metadata();
        metadata.set('authorization', basicAuthorization(caller.username, caller.password));
        (client as unknown as Record<string, (...args: unknown[]) => void>).CreateProcessInstance(
          { bpmnProcessId, version: -1, variables: JSON.stringify(variables) },
          metadata,
          { deadline: Date.now() + 60_000 },
          (error: grpc.ServiceError | null) => resolve(error ? { code: error.code, details: error.details } : { code: grpc.status.OK, details: '' }),
        );
      });
    const rows = Array.from({ length: 35_000 }, (_, index) => ({ row: index, text: 'x'.repeat(70) }));
    try {
      // when the admin sends twelve at once
      await new Promise((resolve) => setTimeout(resolve, 4000)); // the REST flood's debt repaid
      const answers = await Promise.all(Array.from({ length: 12 }, () => create(ADMIN, { rows })));

      // then at least one is taken and the rest are refused, naming the setting in English and Chinese
      const created = answers.filter((answer) => answer.code === grpc.status.OK).length;
      const refused = answers.filter((answer) => answer.code === grpc.status.RESOURCE_EXHAUSTED);
      expect(created, JSON.stringify(answers.map((answer) => answer.code))).to.be.at.least(1);
      expect(refused.length).to.be.at.least(1);
      expect(created + refused.length).to.equal(12);
      expect(refused[0].details).to.contain('ONEGO_DOCUMENT_BYTES_PER_CALLER_PER_SECOND');
      expect(refused[0].details).to.contain('请稍后重试');

      // and another signed-in caller's 3.5 MB document is taken meanwhile: it has a bucket of its own
      const other = await create(QIN_YUE, { rows }, 'enterprise-opening');
      expect(other.code, other.details).to.equal(grpc.status.OK);
    } finally {
      client.close();
    }
  });
});
