import { expect } from 'chai';
import { ADMIN, ZHANG_SAN, startRestTestBed, type Caller, type RestTestBed } from '../gateway/rest/rest-test-bed';
import { basicAuthorization, rawPost } from '../../support/raw-http';

/**
 * Issue 13: a refused request must cost its refusal, not the reading and parsing of its body. Each request below
 * declares a large body and never sends it: an answer can only come from a refusal decided on the headers alone
 * (the REST front door, or authorization before multer); a gateway that read first would wait for ever.
 */
describe('refusals decided before a byte of the body is read (issue 13)', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
  });
  after(async () => {
    await bed?.close();
  });

  /** Sends only the headers of a request declaring `length` bytes; resolves with the status and problem title. */
  async function headersOnly(path: string, headers: Record<string, string>, length: number, caller?: Caller): Promise<{ status: number; title: string }> {
    const all: Record<string, string | number> = { ...headers, 'content-length': length };
    if (caller) all.authorization = basicAuthorization(caller);
    const { client, answer } = rawPost(`${bed.url}/v2${path}`, all, { ignoreHangUp: true });
    client.flushHeaders();
    try {
      const { status, body } = await answer;
      return { status, title: (JSON.parse(body) as { title: string }).title };
    } finally {
      client.destroy();
    }
  }

  it('answers an anonymous caller 401, whatever its body', async () => {
    expect(await headersOnly('/process-instances', { 'content-type': 'application/json' }, 3_000_000)).to.deep.equal({ status: 401, title: 'UNAUTHORIZED' });
  });

  it('answers a JSON body declared over 4 MB with 413 before checking the password', async () => {
    expect(await headersOnly('/process-instances', { 'content-type': 'application/json' }, 5 * 1024 * 1024, ADMIN)).to.deep.equal({ status: 413, title: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers a clerk who may not deploy 403 before multer reads the files', async () => {
    // the clerk's password checked once first (a deliberately slow scrypt)
    expect((await bed.call('GET', '/topology', { caller: ZHANG_SAN })).status).to.equal(200);
    const refused = await headersOnly('/deployments', { 'content-type': 'multipart/form-data; boundary=x' }, 3_000_000, ZHANG_SAN);
    expect(refused).to.deep.equal({ status: 403, title: 'FORBIDDEN' });
  });
});
