import { expect } from 'chai';
import { connect, constants } from 'node:http2';
import { gzipSync } from 'node:zlib';
import { startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

/** One raw unary gRPC call (Topology, empty request) over HTTP/2; the response headers and the grpc-status. */
function rawTopologyCall(address: string, compressed: boolean): Promise<{ headers: Record<string, unknown>; status: unknown }> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://${address}`);
    session.on('error', reject);
    const request = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: '/gateway_protocol.Gateway/Topology',
      'content-type': 'application/grpc',
      te: 'trailers',
      ...(compressed ? { 'grpc-encoding': 'gzip' } : {}),
    });
    let headers: Record<string, unknown> = {};
    request.on('response', (received) => (headers = received));
    request.on('trailers', (trailers) => {
      session.close();
      resolve({ headers, status: trailers['grpc-status'] ?? headers['grpc-status'] });
    });
    request.on('error', reject);
    request.resume();
    const body = compressed ? gzipSync(Buffer.alloc(0)) : Buffer.alloc(0);
    const frame = Buffer.alloc(5 + body.length);
    frame.writeUInt8(compressed ? 1 : 0, 0);
    frame.writeUInt32BE(body.length, 1);
    body.copy(frame, 5);
    request.end(frame);
  });
}

describe('the gRPC gateway: request encoding', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('asks clients, in a unary answer, to send their requests uncompressed', async () => {
    // when
    const { headers, status } = await rawTopologyCall(bed.server.grpcAddress, false);
    // then
    expect(headers['grpc-accept-encoding']).to.equal('identity');
    expect(status).to.equal('0');
  });

  it('still answers a request that arrives gzip-compressed', async () => {
    // when
    const { headers, status } = await rawTopologyCall(bed.server.grpcAddress, true);
    // then
    expect(status).to.equal('0');
    expect(headers['grpc-accept-encoding']).to.equal('identity');
  });

  it('keeps serving the SDK, which compresses until it has been told', async () => {
    // given
    const sdk = bed.sdk();
    // when
    const first = await sdk.topology();
    const second = await sdk.topology();
    // then
    expect(first.brokers).to.have.length(1);
    expect(second.brokers).to.have.length(1);
  });
});
