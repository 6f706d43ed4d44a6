import express, { type RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { MAX_VARIABLE_DEPTH, rememberCheckedDocument } from '../../variable-document';
import { DocumentByteBudget, documentBudgetMessage } from '../document-byte-budget';
import { OFF_THREAD_FROM_BYTES, joinedBody, splitOffThread } from '../off-thread-json';
import type { IsolationPool } from '../../isolation';
import { jsonDepth } from '../../isolation/json-body-split';
import { requestAuth } from './authentication';
import { HttpProblem } from './problem';

/**
 * How deep a JSON request body may nest: variables may nest {@link MAX_VARIABLE_DEPTH} levels, and the deepest
 * request shape around them (a modification's activate instruction → its variable instructions → the
 * variables) adds a handful; ten levels of room keep every sound request.
 */
export const MAX_JSON_BODY_DEPTH = MAX_VARIABLE_DEPTH + 10;

/** How deep each body measured by {@link refuseDeepJson} nests, for {@link checkedJsonBodies}. */
const measuredBodies = new WeakMap<IncomingMessage, { depth: number; bytes: number }>();

/**
 * body-parser's `verify` hook: measures the nesting of the raw bytes before they are parsed and refuses a body
 * deeper than {@link MAX_JSON_BODY_DEPTH} with 400 INVALID_ARGUMENT. A 36 KB document nested 5,000 levels was
 * parsed into 5,000 objects (and collected again) on the engine thread for each of fifty clients before the
 * variable check refused it (issue 13); one pass over the bytes, allocating nothing, refuses it first. The
 * pass jumps over each string with a native search for its closing quote, so a 4 MB form costs milliseconds.
 */
export function refuseDeepJson(request: IncomingMessage, _response: ServerResponse, body: Buffer): void {
  const deepest = jsonDepth(body, MAX_JSON_BODY_DEPTH);
  if (deepest > MAX_JSON_BODY_DEPTH) throw tooDeep();
  measuredBodies.set(request, { depth: deepest, bytes: body.length });
}

function tooDeep(): HttpProblem {
  return new HttpProblem(
    400,
    'INVALID_ARGUMENT',
    `Expected the JSON body to be nested at most ${MAX_JSON_BODY_DEPTH} levels deep and variables nested at most ${MAX_VARIABLE_DEPTH} levels deep, but the body is nested deeper. / 请求内容嵌套层数过多。`,
  );
}

/**
 * A signed-in caller's body is charged to its byte budget (document-byte-budget.ts) before it is measured or
 * parsed; past the budget it is refused with 429 RESOURCE_EXHAUSTED. Without authentication (`--auth none`)
 * there is no caller to charge.
 */
function refuseOverBudget(budget: DocumentByteBudget, response: ServerResponse, bytes: number): void {
  let username: string | undefined;
  try {
    username = requestAuth(response as Response).principal?.username;
  } catch {
    return; // a body read before authentication (none is: the login form has its own parser)
  }
  if (username !== undefined && !budget.take(username, bytes)) {
    throw new HttpProblem(429, 'RESOURCE_EXHAUSTED', documentBudgetMessage(budget.bytesPerSecond));
  }
}

/**
 * Express's JSON body parser with the caller's byte budget and {@link refuseDeepJson} in front; the latter also tells the variable check what the
 * bytes already showed: a body at most {@link MAX_VARIABLE_DEPTH} + 1 levels deep holds a top-level `variables`
 * document at most {@link MAX_VARIABLE_DEPTH} levels deep, made by `JSON.parse` (so plain JSON). Such a
 * document is not walked again on the engine thread (issue 13: a 4 MB form was walked twice).
 */
export function checkedJsonBodies(limit: number | string, budget = new DocumentByteBudget(), pool?: IsolationPool): RequestHandler {
  const parse = express.json({
    limit,
    verify: (request, response, body: Buffer) => {
      refuseOverBudget(budget, response, body.length);
      refuseDeepJson(request, response, body);
    },
  });
  const parseOffThread = offThreadJsonBodies(limit, budget, pool);
  return (request, response, next) => {
    if (isBigJsonBody(request)) {
      parseOffThread(request, response, next);
      return;
    }
    parse(request, response, (error?: unknown) => {
      if (error === undefined || error === null) {
        const measured = measuredBodies.get(request);
        const variables = (request.body as { variables?: unknown } | undefined)?.variables;
        if (measured && measured.depth <= MAX_VARIABLE_DEPTH + 1 && variables !== null && typeof variables === 'object' && !Array.isArray(variables)) {
          rememberCheckedDocument(variables, measured.bytes);
        }
      }
      next(error as Error | undefined);
    });
  };
}

/**
 * A JSON body of {@link OFF_THREAD_FROM_BYTES} or more, declared in UTF-8 (JSON's encoding; body-parser
 * decodes others on the engine thread as before): read as bytes, charged to the caller's budget, then
 * measured, parsed and checked on an isolation thread; its big variables arrive as text the engine keeps
 * unparsed (off-thread-json.ts). Errors are the ones express.json and {@link refuseDeepJson} give.
 */
function isBigJsonBody(request: IncomingMessage): boolean {
  const length = Number(request.headers['content-length']);
  if (!(length >= OFF_THREAD_FROM_BYTES)) return false;
  const type = request.headers['content-type'] ?? '';
  const [media, ...parameters] = type.toLowerCase().split(';').map((part) => part.trim());
  if (media !== 'application/json') return false;
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

function offThreadJsonBodies(limit: number | string, budget: DocumentByteBudget, pool?: IsolationPool): RequestHandler {
  const read = express.raw({
    limit,
    type: () => true,
    verify: (_request, response, body: Buffer) => refuseOverBudget(budget, response, body.length),
  });
  const limitBytes = bytesOf(limit);
  const split = (request: Request, bytes: Uint8Array, next: NextFunction) =>
    splitOffThread({ json: bytes, shape: 'body', maxDepth: MAX_JSON_BODY_DEPTH }, pool).then(
      (outcome) => {
        if (outcome.kind === 'too-deep') return next(tooDeep());
        if (outcome.kind === 'syntax') return next(Object.assign(new SyntaxError(outcome.message), { status: 400, statusCode: 400, type: 'entity.parse.failed' }));
        request.body = joinedBody(outcome, bytes.byteLength);
        next();
      },
      (failure: unknown) => next(failure),
    );
  return (request, response, next) => {
    const length = Number(request.headers['content-length']);
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity' || limitBytes === undefined || length > limitBytes) {
      // compressed, or over the limit: body-parser inflates, or refuses with its 413, as for small bodies
      read(request, response, (error?: unknown) => {
        if (error !== undefined && error !== null) return next(error);
        const bytes = request.body as unknown;
        if (!Buffer.isBuffer(bytes)) return next(); // no body
        void split(request, bytes, next);
      });
      return;
    }
    try {
      refuseOverBudget(budget, response, length);
    } catch (refusal) {
      return next(refusal);
    }
    readIntoSharedMemory(request, length).then((bytes) => split(request, bytes, next), next);
  };
}

/**
 * Reads a body of `length` declared bytes straight into shared memory: no chunk list and no concatenated copy
 * on the engine thread, and the isolation thread reads the same memory (a posted 4 MB buffer is copied, and
 * each copy is external memory that hastens the engine thread's next full garbage collection).
 */
function readIntoSharedMemory(request: Request, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const bytes = new Uint8Array(new SharedArrayBuffer(length));
    let offset = 0;
    const fail = (message: string, type: string) => reject(Object.assign(new Error(message), { status: 400, statusCode: 400, type }));
    request.on('data', (chunk: Buffer) => {
      if (offset + chunk.length > length) return fail('request size did not match content length', 'request.size.invalid');
      bytes.set(chunk, offset);
      offset += chunk.length;
    });
    request.on('end', () => (offset === length ? resolve(bytes) : fail('request size did not match content length', 'request.size.invalid')));
    request.on('aborted', () => fail('request aborted', 'request.aborted'));
    request.on('error', (error) => reject(error));
    (request as { _body?: boolean })._body = true; // as body-parser marks a body it read
  });
}

/** A body-parser limit ('4mb', '100kb' or a number) in bytes; undefined for a form this does not read. */
function bytesOf(limit: number | string): number | undefined {
  if (typeof limit === 'number') return limit;
  const match = /^(\d+)(kb|mb)$/i.exec(limit.trim());
  if (!match) return undefined;
  return Number(match[1]) * (match[2].toLowerCase() === 'kb' ? 1024 : 1024 * 1024);
}
