import { expect } from 'chai';
import { Metadata, status } from '@grpc/grpc-js';
import { GatewayError } from '../../../engine/gateway/grpc/errors';
import { basicAuthorization } from '../../../engine/identity/basic-credentials';
import type { DeniedAttempt } from '../../../engine/identity/credentials-check';
import { createGrpcAuthenticator, GRPC_METHOD_ACTIONS } from '../../../engine/identity/grpc-authenticator';
import { IdentityDirectory } from '../../../engine/identity/identity-directory';
import { LoginThrottle } from '../../../engine/identity/login-throttle';
import { hashPassword } from '../../../engine/identity/password-hash';
import { readFileSync } from 'node:fs';

const CHEAP = { N: 1024, r: 8, p: 1 };

function metadataWith(authorization?: string): Metadata {
  const metadata = new Metadata();
  if (authorization) metadata.set('authorization', authorization);
  return metadata;
}

describe('the gRPC credentials check', () => {
  let directory: IdentityDirectory;
  const denied: DeniedAttempt[] = [];
  before(async () => {
    directory = new IdentityDirectory({
      groups: [{ id: 'admins', name: '系统管理员' }],
      users: [
        { username: 'onego-worker', name: 'worker', passwordHash: await hashPassword('w', CHEAP), groups: [], roles: ['worker'] },
        { username: 'guan.li', name: '管理员', passwordHash: await hashPassword('a', CHEAP), groups: ['admins'], roles: ['admin'] },
      ],
    });
  });
  beforeEach(() => denied.splice(0));

  async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(GatewayError);
    return error as GatewayError;
  }

  it('lets the worker client activate jobs and names it as the actor', async () => {
    const authenticate = createGrpcAuthenticator(directory, (attempt) => denied.push(attempt));
    const context = await authenticate(metadataWith(basicAuthorization('onego-worker', 'w')), 'ActivateJobs');
    expect(context).to.deep.equal({ actor: 'onego-worker' });
    expect(denied).to.deep.equal([]);
  });

  it('answers UNAUTHENTICATED without credentials and records the attempt', async () => {
    const authenticate = createGrpcAuthenticator(directory, (attempt) => denied.push(attempt));
    const error = await refusal(Promise.resolve(authenticate(metadataWith(), 'CompleteJob')));
    expect(error.code).to.equal(status.UNAUTHENTICATED);
    expect(denied).to.have.length(1);
    expect(denied[0]).to.include({ actor: '(anonymous)', attempted: 'gRPC CompleteJob', kind: 'unauthenticated' });
  });

  it('answers UNAUTHENTICATED for a wrong password, recording who claimed to call but not the password', async () => {
    const authenticate = createGrpcAuthenticator(directory, (attempt) => denied.push(attempt));
    const error = await refusal(Promise.resolve(authenticate(metadataWith(basicAuthorization('guan.li', 'guess')), 'DeployResource')));
    expect(error.code).to.equal(status.UNAUTHENTICATED);
    expect(denied[0]).to.include({ actor: 'guan.li', kind: 'unauthenticated' });
    expect(JSON.stringify(denied[0])).not.to.contain('guess');
  });

  it('slows down password guessing with RESOURCE_EXHAUSTED, shared with REST logins, and locks the account', async () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now });
    const authenticate = createGrpcAuthenticator(directory, (attempt) => denied.push(attempt), throttle);
    const guess = () => refusal(Promise.resolve(authenticate(metadataWith(basicAuthorization('guan.li', 'guess')), 'Topology')));
    for (let i = 0; i < 3; i++) expect((await guess()).code).to.equal(status.UNAUTHENTICATED);
    const throttled = await guess();
    expect(throttled.code).to.equal(status.RESOURCE_EXHAUSTED);
    expect(throttled.message).to.match(/请 1 秒后再试.*try again in 1 s/);
    expect(denied.at(-1)).to.include({ actor: 'guan.li', attempted: 'gRPC Topology' });
    for (let i = 0; i < 7; i++) {
      now += 60_000;
      await guess();
    }
    expect(throttle.isLocked('guan.li')).to.equal(true);
    // the lock holds for the right password too, and other accounts are not affected
    expect((await refusal(Promise.resolve(authenticate(metadataWith(basicAuthorization('guan.li', 'a')), 'Topology')))).code).to.equal(status.RESOURCE_EXHAUSTED);
    expect(await authenticate(metadataWith(basicAuthorization('onego-worker', 'w')), 'ActivateJobs')).to.deep.equal({ actor: 'onego-worker' });
  });

  it('answers PERMISSION_DENIED when the worker client tries to deploy', async () => {
    const authenticate = createGrpcAuthenticator(directory, (attempt) => denied.push(attempt));
    const error = await refusal(Promise.resolve(authenticate(metadataWith(basicAuthorization('onego-worker', 'w')), 'DeployResource')));
    expect(error.code).to.equal(status.PERMISSION_DENIED);
    expect(error.message).to.contain("'deployment:create'");
    expect(denied[0]).to.include({ actor: 'onego-worker', attempted: 'gRPC DeployResource', kind: 'forbidden' });
  });

  it('knows the permission of every RPC in the proto the SDK ships', () => {
    const proto = readFileSync('node_modules/@camunda8/sdk/dist/proto/zeebe.proto', 'utf8');
    const rpcs = [...proto.matchAll(/^\s*rpc\s+(\w+)/gm)].map((match) => match[1]);
    expect(rpcs.length).to.be.greaterThan(15);
    expect(rpcs.filter((rpc) => !GRPC_METHOD_ACTIONS[rpc])).to.deep.equal([]);
  });
});
