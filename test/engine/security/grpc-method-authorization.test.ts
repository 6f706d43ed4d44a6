import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { loadGatewayService, ZEEBE_PROTO_PATH } from '../../../engine/gateway/grpc/proto';
import { basicAuthorization } from '../../../engine/identity/basic-credentials';
import { ADMIN, AUDITOR, LI_SI, WORKER, XU_MING, ZHANG_SAN, startRestTestBed, type Caller, type RestTestBed } from '../gateway/rest/rest-test-bed';
import { GRPC_METHOD_DECISIONS } from './grpc-method-decisions';
import { ROLES, type Role } from './route-decisions';

const CALLERS: Record<Role, Caller | undefined> = {
  anonymous: undefined,
  clerkA: ZHANG_SAN, // 市场监管局 staff
  clerkB: XU_MING, // 税务局 staff
  supervisor: LI_SI, // 市场监管局 supervisor
  auditor: AUDITOR,
  admin: ADMIN,
  worker: WORKER,
};

/** The gate's two refusals; anything else (OK, NOT_FOUND, INVALID_ARGUMENT, …) means the call got past it. */
const REFUSED = new Set([grpc.status.UNAUTHENTICATED, grpc.status.PERMISSION_DENIED]);

type Outcome = { code: number; details: string };

/**
 * Calls one RPC with an empty request (so nothing changes: every key is missing, every name empty) and the
 * caller's Basic credentials, and tells how it ended.
 */
function callRpc(client: grpc.Client, rpc: string, caller: Caller | undefined, stream: boolean): Promise<Outcome> {
  const metadata = new grpc.Metadata();
  if (caller) metadata.set('authorization', basicAuthorization(caller.username, caller.password));
  const deadline = Date.now() + 5_000;
  const method = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[rpc].bind(client);
  if (!stream) {
    return new Promise((resolve) => method({}, metadata, { deadline }, (error: grpc.ServiceError | null) => resolve(error ? { code: error.code, details: error.details } : { code: grpc.status.OK, details: '' })));
  }
  return new Promise((resolve) => {
    // A job stream that got past the gate stays open (or ends without jobs): either way the gate let it through.
    const call = method({ type: 'nobody-works-this', maxJobsToActivate: 1, timeout: 1_000, requestTimeout: 100, worker: 'gate-check' }, metadata, { deadline: Date.now() + 1_500 }) as grpc.ClientReadableStream<unknown>;
    call.on('data', () => undefined);
    call.on('error', (error: grpc.ServiceError) => resolve({ code: error.code, details: error.details }));
    call.on('end', () => resolve({ code: grpc.status.OK, details: '' }));
  });
}

describe('authorization of every gRPC method for every role', function () {
  this.timeout(120_000);
  let bed: RestTestBed;
  let client: grpc.Client;

  before(async () => {
    bed = await startRestTestBed({ auth: 'basic', clock: 'controlled' });
    const Gateway = grpc.makeGenericClientConstructor(loadGatewayService(), 'Gateway');
    client = new Gateway(bed.server.grpcAddress, grpc.credentials.createInsecure());
  });
  after(async () => {
    client?.close();
    await bed?.close();
  });

  it('has a decision for every RPC in the proto the SDK ships (a new RPC without one is named here)', () => {
    const rpcs = [...readFileSync(ZEEBE_PROTO_PATH, 'utf8').matchAll(/^\s*rpc\s+(\w+)/gm)].map((match) => match[1]);
    expect(rpcs.filter((rpc) => !GRPC_METHOD_DECISIONS[rpc])).to.deep.equal([]);
  });

  for (const [rpc, decision] of Object.entries(GRPC_METHOD_DECISIONS)) {
    const who = decision.allowed.join(', ');
    it(`${rpc}: ${who} pass, every other role is refused with UNAUTHENTICATED or PERMISSION_DENIED`, async () => {
      const wrong: string[] = [];
      for (const role of ROLES) {
        const outcome = await callRpc(client, rpc, CALLERS[role], decision.stream === true);
        const passed = !REFUSED.has(outcome.code);
        const expected = decision.allowed.includes(role);
        if (passed !== expected) wrong.push(`${role}: ${grpc.status[outcome.code]} ${outcome.details}`);
        // A refusal never goes further than the gate, and says why in the caller's terms.
        if (!expected && role === 'anonymous') expect(outcome.code, `${rpc} anonymous`).to.equal(grpc.status.UNAUTHENTICATED);
        if (!expected && role !== 'anonymous') expect(outcome.code, `${rpc} ${role}`).to.equal(grpc.status.PERMISSION_DENIED);
      }
      expect(wrong, `${rpc}: roles whose answer differs from the table`).to.deep.equal([]);
    });
  }
});
