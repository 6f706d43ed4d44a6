import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { basicAuthorization } from '../../../engine/identity';
import { ADMIN, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

/** POST raw bytes with a JSON content type, as a client that does not check what it sends would. */
function postRaw(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // the server may answer and close before the whole body is sent; that is the point
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    request.end(body);
  });
}

describe('request bodies are read and parsed only after authentication, within a size limit', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
  });
  after(async () => {
    await bed?.close();
  });

  it('answers an anonymous request with a malformed body 401, not 400: the body was never parsed', async () => {
    const response = await postRaw(`${bed.url}/v2/process-instances`, Buffer.from('{"variables": {"a": [1, 2,'), {});
    expect(response.status).to.equal(401);
    expect(JSON.parse(response.body).detail).to.match(/^Expected credentials/);
  });

  it('answers an anonymous 10 MB document 401 without parsing it', async () => {
    const big = Buffer.from(JSON.stringify({ processDefinitionId: 'x', variables: { blob: 'x'.repeat(10 * 1024 * 1024 - 100) } }));
    const response = await postRaw(`${bed.url}/v2/process-instances`, big, {});
    expect(response.status).to.equal(401);
  });

  it('parses the body of an authenticated caller: a malformed one is a 400 problem', async () => {
    const response = await postRaw(`${bed.url}/v2/process-instances`, Buffer.from('{"variables":'), { authorization: basicAuthorization(ADMIN.username, ADMIN.password) });
    expect(response.status).to.equal(400);
    expect(JSON.parse(response.body).detail).to.match(/^Expected a valid JSON request body/);
  });

  it('refuses a body declared larger than 4 MB (Zeebe\'s maxMessageSize) with 413 naming the limit, discarding it unparsed', async () => {
    const response = await postRaw(`${bed.url}/v2/process-instances`, Buffer.alloc(4 * 1024 * 1024 + 1, 0x20), {
      authorization: basicAuthorization(ADMIN.username, ADMIN.password),
    });
    expect(response.status).to.equal(413);
    const problem = JSON.parse(response.body) as { title: string; detail: string };
    expect(problem.title).to.equal('PAYLOAD_TOO_LARGE');
    expect(problem.detail).to.contain(`at most ${4 * 1024 * 1024} bytes`).and.to.contain('上限');
  });

  it('still takes a body just under 4 MB from an authenticated caller', async () => {
    const body = Buffer.from(JSON.stringify({ processDefinitionId: 'no-such-process', variables: { blob: 'x'.repeat(4 * 1024 * 1024 - 200) } }));
    expect(body.length).to.be.at.most(4 * 1024 * 1024);
    const response = await postRaw(`${bed.url}/v2/process-instances`, body, { authorization: basicAuthorization(ADMIN.username, ADMIN.password) });
    // parsed and handed to the engine, which finds no such process
    expect(response.status).to.equal(404);
  });

  it('still reads a JSON login, but at most 16 KB of it', async () => {
    const login = await postRaw(`${bed.url}/v2/authentication/login`, Buffer.from(JSON.stringify({ username: ADMIN.username, password: ADMIN.password })), {});
    expect(login.status).to.equal(200);
    const huge = await postRaw(`${bed.url}/v2/authentication/login`, Buffer.from(JSON.stringify({ username: 'x', password: 'y'.repeat(20_000) })), {});
    expect(huge.status).to.equal(413);
  });
});
