import type { Request } from 'express';
import type { Variables } from '../../api';
import { badRequest } from './problem';

/**
 * Readers for request bodies and path parameters. Each refusal is a 400 naming the offending field, in
 * Camunda's wording where it has one ("No X provided.") and "Expected …, but …" otherwise.
 */
export type Body = Record<string, unknown>;

/** The JSON body as an object; an absent body is `{}`. */
export function objectBody(request: Request): Body {
  const body: unknown = request.body;
  if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body as object).length === 0 && !Array.isArray(body))) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest(`Expected a JSON object as the request body, but got ${Array.isArray(body) ? 'an array' : typeof body}.`);
  return body as Body;
}

const KEY = /^\d{1,19}$/;

/** A 64-bit key path parameter, kept as a decimal string. */
export function keyParam(request: Request, name: string): string {
  const value = request.params[name];
  if (typeof value !== 'string' || !KEY.test(value)) throw badRequest(`Expected '${name}' to be a key (a decimal number), but was '${String(value)}'.`);
  return value;
}

/** A key field in a body: a decimal string (Camunda 8.8) or a number (older clients). */
export function optionalKey(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !KEY.test(text)) throw badRequest(`Expected '${field}' to be a key (a decimal string), but was ${JSON.stringify(value)}.`);
  return text;
}

export function requiredString(body: Body, field: string): string {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw badRequest(`No ${field} provided.`);
  if (typeof value !== 'string') throw badRequest(`Expected '${field}' to be a string, but was ${JSON.stringify(value)}.`);
  return value;
}

export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`Expected '${field}' to be a string, but was ${JSON.stringify(value)}.`);
  return value;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`Expected '${field}' to be a boolean, but was ${JSON.stringify(value)}.`);
  return value;
}

/** An integer; int64 fields may arrive as decimal strings (lossless JSON clients send them so). */
export function optionalInteger(body: Body, field: string, range?: { min?: number; max?: number }): number | undefined {
  const raw = body[field];
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badRequest(`Expected '${field}' to be an integer, but was ${JSON.stringify(raw)}.`);
  if (range?.min !== undefined && value < range.min) throw badRequest(`The value for ${field} is '${value}' but must be ${range.min === 0 ? 'not negative' : `at least ${range.min}`}.`);
  if (range?.max !== undefined && value > range.max) throw badRequest(`The value for ${field} is '${value}' but must be at most ${range.max}.`);
  return value;
}

/** A variables document: a JSON object (or absent / null). */
export function optionalVariables(body: Body, field = 'variables'): Variables | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`Expected '${field}' to be a JSON object, but was ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}.`);
  }
  return value as Variables;
}

export function optionalStringList(body: Body, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw badRequest(`Expected '${field}' to be an array of strings, but was ${JSON.stringify(value)}.`);
  return value as string[];
}

/** An ISO-8601 date-time (or absent / null). */
export function optionalDateTime(body: Body, field: string): string | undefined {
  const value = optionalString(body, field);
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw badRequest(`Expected '${field}' to be an ISO-8601 date-time, but was '${value}'.`);
  return value;
}

/** A nested object field (or absent / null). */
export function optionalObject(body: Body, field: string): Body | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`Expected '${field}' to be an object, but was ${JSON.stringify(value)}.`);
  return value as Body;
}

/** The tenant of a request: absent means the default tenant; others are refused (multi-tenancy is off). */
export function tenantOf(body: Body): string {
  const tenantId = optionalString(body, 'tenantId');
  if (tenantId === undefined || tenantId === '' || tenantId === '<default>') return '<default>';
  throw badRequest(`Expected to handle request with tenant identifier '${tenantId}', but multi-tenancy is disabled`);
}
