import { expect } from 'chai';
import { startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

describe('the gRPC gateway: Topology', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('reports one healthy broker leading one partition to the SDK', async () => {
    // when
    const topology = await bed.sdk().topology();
    // then
    expect(topology.clusterSize).to.equal(1);
    expect(topology.partitionsCount).to.equal(1);
    expect(topology.replicationFactor).to.equal(1);
    expect(topology.gatewayVersion).to.match(/^8\.8\.\d+$/);
    expect(topology.brokers).to.have.length(1);
    expect(topology.brokers[0].partitions).to.deep.equal([{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }]);
    expect(`${topology.brokers[0].host}:${topology.brokers[0].port}`).to.equal(bed.server.grpcAddress);
  });

  it('reports the same topology to zeebe-node', async () => {
    // when
    const topology = await bed.zeebeNode().topology();
    // then
    expect(topology.brokers[0].partitions[0]).to.include({ partitionId: 1 });
    expect(topology.gatewayVersion).to.match(/^8\.8\.\d+$/);
  });
});
