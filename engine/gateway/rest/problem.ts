import type { ErrorRequestHandler, Request, Response } from 'express';
import { EngineRejection, type RejectionType } from '../../api';

/** An RFC 9457 problem detail, as Camunda 8's REST API returns it (`application/problem+json`). */
export interface ProblemDetail {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

/** A request the REST gateway refuses itself (bad body, unknown route); carries its HTTP status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** 400 with Camunda's title for a malformed request. */
export function badRequest(detail: string): HttpProblem {
  return new HttpProblem(400, 'INVALID_ARGUMENT', detail);
}

/** How Camunda's REST gateway answers each broker rejection type. */
const HTTP_STATUS_BY_REJECTION: Record<RejectionType, number> = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  INVALID_STATE: 409,
  PROCESSING_ERROR: 500,
  UNAUTHORIZED: 403,
  FORBIDDEN: 403,
  UNIMPLEMENTED: 501,
  RESOURCE_EXHAUSTED: 503,
};

/** The HTTP status for an engine rejection. */
export function httpStatusForRejection(rejectionType: RejectionType): number {
  return HTTP_STATUS_BY_REJECTION[rejectionType];
}

/** Turn anything a route threw into a problem detail; unexpected errors are 500, never a client's fault. */
export function toProblem(error: unknown, instance: string): ProblemDetail {
  if (error instanceof EngineRejection) {
    return {
      type: 'about:blank',
      title: error.rejectionType,
      status: httpStatusForRejection(error.rejectionType),
      detail: error.message,
      instance,
    };
  }
  if (error instanceof HttpProblem) {
    return { type: 'about:blank', title: error.title, status: error.status, detail: error.message, instance };
  }
  // body-parser refuses a body above its limit (declared or read so far) before parsing it.
  const tooLarge = error as { type?: string; limit?: number; length?: number };
  if (tooLarge?.type === 'entity.too.large') {
    const size = tooLarge.length === undefined ? 'it is larger' : `it has ${tooLarge.length} bytes`;
    return {
      type: 'about:blank',
      title: 'PAYLOAD_TOO_LARGE',
      status: 413,
      detail: `Expected a request body of at most ${tooLarge.limit} bytes, but ${size} / 请求体超过 ${tooLarge.limit} 字节上限`,
      instance,
    };
  }
  // express.json() reports a malformed body as a SyntaxError carrying status 400.
  const status = (error as { status?: number; statusCode?: number })?.status ?? (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = error instanceof Error ? error.message : String(error);
    return { type: 'about:blank', title: 'Bad Request', status, detail: `Expected a valid JSON request body, but ${message}`, instance };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'about:blank', title: 'INTERNAL_ERROR', status: 500, detail: `Unexpected error occurred: ${message}`, instance };
}

/** Write a problem detail with the right media type. */
export function sendProblem(response: Response, problem: ProblemDetail): void {
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** The last middleware: every error leaves as problem+json. */
export const problemErrorHandler: ErrorRequestHandler = (error: unknown, request: Request, response: Response, next) => {
  if (response.headersSent) {
    next(error);
    return;
  }
  sendProblem(response, toProblem(error, request.originalUrl));
};
