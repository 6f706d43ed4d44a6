import type { Key, Variables } from '../../api';
import { evaluateExpression, evaluateProperty, isExpression } from '../../feel';
import type { ProcessingContext } from '../processing-context';
import { failure, type Failure } from './failure';
import type { ErrorType } from '../../protocol';

/** Evaluates model expressions against the variables visible from a scope, at engine time. */
export class ExpressionBehavior {
  constructor(private readonly ctx: ProcessingContext) {}

  /** A property: static text, or '=expression'. */
  property(text: string, scopeKey: Key, errorType: ErrorType = 'EXTRACT_VALUE_ERROR', extra?: Variables): unknown | Failure {
    const variables = this.variables(scopeKey, text, extra);
    const result = evaluateProperty(text, variables, { now: this.ctx.now });
    if (!result.ok) return failure(errorType, result.failure);
    return result.value;
  }

  /** An expression that must evaluate to a value (e.g. a condition); static text is taken literally. */
  expression(text: string, scopeKey: Key, errorType: ErrorType, extra?: Variables): unknown | Failure {
    if (!isExpression(text)) return this.property(text, scopeKey, errorType, extra);
    const variables = this.variables(scopeKey, text, extra);
    const result = evaluateExpression(text, variables, { now: this.ctx.now });
    if (!result.ok) return failure(errorType, result.failure);
    return result.value;
  }

  /** A string property (job type, message name): non-strings are an EXTRACT_VALUE_ERROR as in Zeebe. */
  string(text: string, scopeKey: Key, what: string, errorType: ErrorType = 'EXTRACT_VALUE_ERROR'): string | Failure {
    const value = this.property(text, scopeKey, errorType);
    if (typeof value === 'object' && value !== null && 'errorType' in value) return value as Failure;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && what === 'correlation key') return String(value);
    return failure(errorType, `Expected result of the expression '${text}' to be 'STRING', but was '${typeName(value)}'.`);
  }

  private variables(scopeKey: Key, _text: string, extra?: Variables): Variables {
    const visible = scopeKey === '-1' ? {} : this.ctx.state.visibleVariables(scopeKey);
    return extra ? { ...visible, ...extra } : visible;
  }
}

/** FEEL-ish type names for messages ("Expected … to be 'BOOLEAN', but was 'STRING'"). */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  switch (typeof value) {
    case 'string':
      return 'STRING';
    case 'number':
      return 'NUMBER';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'OBJECT';
  }
}
