import { expect } from 'chai';
import { status, type Metadata } from '@grpc/grpc-js';
import { GatewayError, type GrpcAuthenticator } from '../../../../engine/gateway/grpc';
import { serviceTaskProcess } from '../support/bpmn';
import { startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

type GrpcFailure = { code: number; details: string };
const failure = (e: GrpcFailure) => e;

/** A stand-in for identity (issue 4): one user, checked from the `authorization` metadata. */
function oneUser(username: string, password: string, calls: string[]): GrpcAuthenticator {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  return (metadata: Metadata, rpc: string) => {
    calls.push(rpc);
    if (metadata.get('authorization')[0] !== expected) {
      throw new GatewayError(status.UNAUTHENTICATED, `Expected valid credentials for ${rpc}, but none were given`);
    }
    return { actor: username };
  };
}

describe('the gRPC gateway: the authentication hook', () => {
  let bed: GatewayTestBed;
  const calls: string[] = [];
  before(async () => {
    bed = await startGatewayTestBed({ authenticateGrpc: oneUser('clerk', 's3cret', calls) });
  });
  after(async () => {
    await bed?.close();
  });

  function basicSdk(password: string) {
    return bed.sdk({
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: 'clerk',
      CAMUNDA_BASIC_AUTH_PASSWORD: password,
    });
  }

  it('runs every unary and streaming call through the hook and records who issued each command', async () => {
    // given the SDK with HTTP Basic credentials
    const sdk = basicSdk('s3cret');
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('guarded', 'guarded-work')), name: 'guarded.bpmn' });
    // when
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'guarded', variables: {} });
    const jobs = await sdk.activateJobs({ type: 'guarded-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 10_000 });
    // then
    expect(jobs).to.have.length(1);
    expect(calls).to.include.members(['DeployResource', 'CreateProcessInstance', 'ActivateJobs']);
    const creation = await bed.record(
      (r) => r.valueType === 'PROCESS_INSTANCE_CREATION' && r.recordType === 'COMMAND' && r.intent === 'CREATE',
    );
    expect(creation.actor).to.equal('clerk');
    expect(processInstanceKey).to.match(/^\d+$/);
  });

  it('answers UNAUTHENTICATED when the hook refuses, and nothing reaches the engine', async () => {
    // given
    const before = bed.records(() => true).length;
    // when
    const error = await basicSdk('wrong')
      .createProcessInstance({ bpmnProcessId: 'guarded', variables: {} })
      .then(() => undefined, failure);
    const streamError = await basicSdk('wrong')
      .activateJobs({ type: 'guarded-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 })
      .then(() => undefined, failure);
    // then
    expect(error?.code).to.equal(16);
    expect(error?.details).to.equal('Expected valid credentials for CreateProcessInstance, but none were given');
    expect(streamError?.code).to.equal(16);
    expect(bed.records(() => true)).to.have.length(before);
  });
});
