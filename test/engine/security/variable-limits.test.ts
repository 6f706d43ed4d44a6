import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadGatewayService } from '../../../engine/gateway/grpc/proto';
import { MAX_VARIABLE_DEPTH, nestingDepth } from '../../../engine/variable-document';
import { serviceTaskProcess } from '../gateway/support/bpmn';
import { startGatewayTestBed, type GatewayTestBed } from '../gateway/support/test-bed';

/** `{"a":{"a":…}}` nested `depth` levels, built as text the way an attacker sends it (36 KB at 5,000 levels). */
function nestedJson(depth: number): string {
  return `{"v":${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}}`;
}

describe('variable documents nested too deep', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
    await bed.sdk().deployResource({ process: Buffer.from(serviceTaskProcess('deep-vars', 'deep-work')), name: 'deep.bpmn' });
  });
  after(async () => {
    await bed?.close();
  });

  it('measures depth without recursion, even 100,000 levels deep', () => {
    const deep = JSON.parse(nestedJson(100_000));
    expect(nestingDepth(deep, 200)).to.equal(201);
    expect(nestingDepth({ a: [{ b: 1 }], c: 2 })).to.equal(3);
    expect(nestingDepth('text')).to.equal(0);
  });

  it('refuses a 5,000-level document over gRPC with INVALID_ARGUMENT naming the limit, and keeps serving', async () => {
    // given a hostile document, sent as text on the wire (both official clients overflow their own stack
    // stringifying such an object before sending it, so an attacker uses a plain gRPC client)
    const Gateway = grpc.makeGenericClientConstructor(loadGatewayService(), 'Gateway');
    const raw = new Gateway(bed.server.grpcAddress, grpc.credentials.createInsecure()) as unknown as {
      CreateProcessInstance(request: object, callback: (error: grpc.ServiceError | null) => void): void;
      close(): void;
    };
    // when
    const error = await new Promise<grpc.ServiceError | null>((resolve) =>
      raw.CreateProcessInstance({ bpmnProcessId: 'deep-vars', version: -1, variables: nestedJson(5000) }, resolve),
    );
    raw.close();
    // then
    expect(error?.code).to.equal(3);
    expect(error?.details).to.contain(`nested at most ${MAX_VARIABLE_DEPTH} levels deep`);
    const next = await bed.sdk().createProcessInstance({ bpmnProcessId: 'deep-vars', variables: { ok: { nested: { fine: true } } } });
    expect(next.processInstanceKey).to.match(/^\d+$/);
  });

  it('refuses it over REST with 400 problem+json, and the engine still takes commands from everyone', async () => {
    // when
    const response = await fetch(`${bed.server.restUrl}/v2/process-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"processDefinitionId":"deep-vars","variables":${nestedJson(5000)}}`,
    });
    // then
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { detail: string }).detail).to.contain(`nested at most ${MAX_VARIABLE_DEPTH} levels deep`);
    const again = await fetch(`${bed.server.restUrl}/v2/process-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionId: 'deep-vars', variables: { a: 1 } }),
    });
    expect(again.status).to.equal(200);
  });

  it('refuses a body nested deeper than 110 levels before parsing it (json-depth-guard), and counts no brackets inside strings', async () => {
    const post = (body: string) => fetch(`${bed.server.restUrl}/v2/process-instances`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    const deep = await post(`{"processDefinitionId":"deep-vars","variables":{"v":${'['.repeat(200)}${']'.repeat(200)}}}`);
    const bracketsInText = await post(JSON.stringify({ processDefinitionId: 'deep-vars', variables: { note: '{'.repeat(5000) + '"\\[' + '['.repeat(5000) } }));
    const justWithin = await post(`{"processDefinitionId":"deep-vars","variables":{"v":${'{"a":'.repeat(98)}1${'}'.repeat(98)}}}`);

    expect(deep.status).to.equal(400);
    expect(((await deep.json()) as { detail: string }).detail).to.match(/^Expected the JSON body to be nested at most 110 levels deep and variables nested at most 100 levels deep, but the body is nested deeper\. \/ 请求内容嵌套层数过多。$/);
    expect(bracketsInText.status, await bracketsInText.clone().text()).to.equal(200);
    expect(justWithin.status, await justWithin.clone().text()).to.equal(200);
  });

  it('refuses a worker completing a job with such a document, and the job stays to be completed properly', async () => {
    const sdk = bed.sdk();
    await sdk.createProcessInstance({ bpmnProcessId: 'deep-vars', variables: {} });
    const [job] = await sdk.activateJobs({ type: 'deep-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    const error = await sdk.completeJob({ jobKey: job.key, variables: JSON.parse(nestedJson(1000)) }).then(() => undefined, (e: { code: number }) => e);
    expect(error?.code).to.equal(3);
    await sdk.completeJob({ jobKey: job.key, variables: { done: true } });
  });
});
