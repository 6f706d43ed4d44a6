import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';

/** A user name and password for HTTP basic authentication. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** The `authorization` header value of HTTP basic authentication for a caller. */
export function basicAuthorization(caller: BasicCredentials): string {
  return `Basic ${Buffer.from(`${caller.username}:${caller.password}`).toString('base64')}`;
}

/** What a raw request was answered: status, headers, body text, and ms from sending the headers to the end. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A POST whose body the test sends by hand (`client.write`, `client.end`, or only `client.flushHeaders()`), to
 * play slow or lying clients that fetch cannot: a body that arrives late, or one that is declared and never sent.
 * `ignoreHangUp`: the server may close the socket after answering before the body came; that is no failure.
 *
 * @example
 * const { client, answer } = rawPost(`${bed.url}/v2/process-instances`, { 'content-length': 3_000_000 }, { ignoreHangUp: true });
 * client.flushHeaders();
 * expect((await answer).status).to.equal(401);
 */
export function rawPost(url: string, headers: Record<string, string | number>, options: { ignoreHangUp?: boolean } = {}): { client: ClientRequest; answer: Promise<RawAnswer> } {
  const began = performance.now();
  const client = httpRequest(url, { method: 'POST', headers });
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    client.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text, at: performance.now() - began }));
    });
    client.on('error', (error) => (options.ignoreHangUp && error.message.includes('socket hang up') ? undefined : reject(error)));
  });
  return { client, answer };
}
