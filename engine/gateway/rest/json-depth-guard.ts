import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_VARIABLE_DEPTH } from '../../variable-document';
import { HttpProblem } from './problem';

/**
 * How deep a JSON request body may nest: variables may nest {@link MAX_VARIABLE_DEPTH} levels, and the deepest
 * request shape around them (a modification's activate instruction → its variable instructions → the
 * variables) adds a handful; ten levels of room keep every sound request.
 */
export const MAX_JSON_BODY_DEPTH = MAX_VARIABLE_DEPTH + 10;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * body-parser's `verify` hook: measures the nesting of the raw bytes before they are parsed and refuses a body
 * deeper than {@link MAX_JSON_BODY_DEPTH} with 400 INVALID_ARGUMENT. A 36 KB document nested 5,000 levels was
 * parsed into 5,000 objects (and collected again) on the engine thread for each of fifty clients before the
 * variable check refused it (issue 13); one pass over the bytes, allocating nothing, refuses it first.
 */
export function refuseDeepJson(_request: IncomingMessage, _response: ServerResponse, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > MAX_JSON_BODY_DEPTH) {
        throw new HttpProblem(
          400,
          'INVALID_ARGUMENT',
          `Expected the JSON body to be nested at most ${MAX_JSON_BODY_DEPTH} levels deep and variables nested at most ${MAX_VARIABLE_DEPTH} levels deep, but the body is nested deeper. / 请求内容嵌套层数过多。`,
        );
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
}
