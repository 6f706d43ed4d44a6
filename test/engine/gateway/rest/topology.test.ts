import { expect } from 'chai';
import { Camunda8 } from '@camunda8/sdk';
import { startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

describe('the REST gateway: GET /v2/topology', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
  });
  after(async () => {
    await bed?.close();
  });

  it("answers the SDK REST client with one healthy broker leading partition 1, in Camunda's lower-case spelling", async () => {
    // given
    const rest = new Camunda8({
      ZEEBE_REST_ADDRESS: bed.server.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
    } as never).getCamundaRestClient();
    // when
    const topology = await rest.getTopology();
    // then
    expect(topology).to.include({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1 });
    expect(topology.gatewayVersion).to.match(/^8\.8\.\d+$/);
    expect(topology.brokers[0].partitions).to.deep.equal([{ partitionId: 1, role: 'leader', health: 'healthy' }]);
    expect(`${topology.brokers[0].host}:${topology.brokers[0].port}`).to.equal(bed.server.grpcAddress);
  });

  it('answers an unknown resource with a problem+json 404', async () => {
    const response = await fetch(`${bed.server.restUrl}/v2/no-such-thing`);
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const problem = (await response.json()) as { detail: string };
    expect(problem).to.include({ type: 'about:blank', status: 404, title: 'NOT_FOUND', instance: '/v2/no-such-thing' });
    expect(problem.detail).to.match(/^Expected .*, but/);
  });
});
