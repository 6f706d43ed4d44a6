/**
 * FEEL's pattern functions — `matches()`, `replace()`, `split()` and Camunda's `extract()` — on re2js (RE2's
 * algorithm in JavaScript) instead of JavaScript's backtracking RegExp, under which `matches(text, "(a+)+$")`
 * held the engine thread until the 200 ms time guard stopped it (issue 13). No pattern backtracks now: what
 * RE2 cannot match in linear time (back-references, lookaround, possessive quantifiers) is refused like an
 * invalid pattern, and the work each call does is charged to the evaluation's step budget
 * (`regex-meter.ts`, `ONEGO_FEEL_ENGINE_MAX_ITERATIONS`). Behaviour follows Camunda's FEEL engine
 * (feel-scala, which uses `java.util.regex`): `matches` finds the pattern anywhere in the input, flags are
 * `s`, `m`, `i` and `x` (other letters are ignored, as there), `split` keeps trailing empty strings, and
 * `replace` reads `$1`, `${name}` and `\$` as Java's `Matcher#replaceAll` does. An invalid pattern or
 * replacement gives null and a `FUNCTION_INVOCATION_FAILURE` warning naming it, as in Camunda.
 */
import { evaluate, FeelFunction } from 'feelin';
import { RE2JS, type Matcher } from 're2js';
import { chargeBuiltinWork, CHARS_PER_STEP, selfChargedFunctions } from './call-budget';
import { chargeScanned, freshAutomaton, startScan } from './regex-meter';
import { readPattern } from './regex-syntax';

/** feelin's signal for a failed call (null and a warning); its class is not exported, so one is made once. */
const InvocationFailure = (evaluate('matches', { matches: undefined }).value as (input: string, pattern: string) => object)('a', '(').constructor as new (
  warning: string,
  template: string,
  values?: Record<string, unknown>,
) => object;

/** What a pattern compiles to, or why it does not. */
type Compiled = { regex: RE2JS; instructions: number } | { failure: { pattern: string; reason: string } };

/** Compiled patterns by flags and text: models use a few patterns over and over. */
const compiled = new Map<string, Compiled>();
const MAX_COMPILED = 256;

function failed(name: string, what: string, reason: string): object {
  const message = `Failed to invoke function '${name}': ${what}: ${reason}`;
  // no values: feelin replaces only `{name}` of values it is given, so the message (braces and all) stays as it is
  return new InvocationFailure('FUNCTION_INVOCATION_FAILURE', message);
}

/** A pattern as it appears in a message: at most 100 characters. */
function shown(pattern: string): string {
  return pattern.length > 100 ? `'${pattern.slice(0, 100)}…' (${pattern.length} characters)` : `'${pattern}'`;
}

/** re2js's flags for FEEL's (XPath's) flag letters; `x` is applied while reading the pattern. */
function flagBits(flags: string): number {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  return bits;
}

/**
 * The compiled pattern, charged: reading it one step per {@link CHARS_PER_STEP} characters, compiling it one
 * step per instruction of its program (bounded before compiling, so a pattern like `\pL{1000}` repeated
 * stops before it is built). Charged the same whether or not it was compiled before, so an evaluation
 * stops the same way whatever ran before it.
 */
function compile(name: string, pattern: string, flags: string): Compiled {
  chargeBuiltinWork(Math.floor(pattern.length / CHARS_PER_STEP));
  const extended = flags.includes('x');
  const key = `${flagBits(flags)}${extended ? 'x' : ''}\u0000${pattern}`;
  let found = compiled.get(key);
  if (!found) {
    const read = readPattern(pattern, extended);
    if ('unsupported' in read) {
      found = { failure: { pattern, reason: read.unsupported } };
    } else {
      chargeBuiltinWork(read.instructions);
      try {
        const regex = RE2JS.compile(read.source, flagBits(flags));
        found = { regex, instructions: read.instructions };
      } catch (error) {
        found = { failure: { pattern, reason: `模式无效 / ${(error as Error).message}` } };
      }
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, found);
    return found;
  }
  if ('regex' in found) chargeBuiltinWork(found.instructions);
  return found;
}

/** Runs searches over a compiled pattern with a fresh automaton, then charges what they scanned. */
function scanning<T>(regex: RE2JS, run: () => T): T {
  startScan();
  freshAutomaton(regex);
  try {
    return run();
  } finally {
    chargeScanned();
  }
}

/** A replacement template, read once: literal text and group references. */
type Piece = string | number;

/**
 * `replacement` as Java's `Matcher#replaceAll` reads it (Camunda's FEEL uses it): `$n` refers to group n,
 * taking as many digits as still name a group, `${name}` to a named group, a backslash quotes the next
 * character. A reference to a group the pattern does not have, a `$` naming none, or a trailing backslash
 * is an error.
 */
function readReplacement(replacement: string, groupCount: number, names: Record<string, number>): Piece[] | string {
  const pieces: Piece[] = [];
  let literal = '';
  for (let index = 0; index < replacement.length; index++) {
    const char = replacement[index];
    if (char === '\\') {
      index += 1;
      if (index >= replacement.length) return '替换文本以反斜杠结尾 / the replacement ends with a backslash that quotes nothing';
      literal += replacement[index];
      continue;
    }
    if (char !== '$') {
      literal += char;
      continue;
    }
    let group: number;
    if (replacement[index + 1] === '{') {
      const end = replacement.indexOf('}', index + 2);
      const name = end < 0 ? '' : replacement.slice(index + 2, end);
      if (!Object.prototype.hasOwnProperty.call(names, name)) return `替换文本引用了不存在的命名分组 / the replacement refers to no group named '${name}'`;
      group = names[name];
      index = end;
    } else {
      const first = replacement.charCodeAt(index + 1) - 48;
      if (!(first >= 0 && first <= 9)) return '替换文本中的 $ 后面没有分组号 / a $ in the replacement is not followed by a group number (write \\$ for a dollar sign)';
      if (first > groupCount) return `替换文本引用了不存在的分组 $${first} / the replacement refers to group ${first}, but the pattern has ${groupCount}`;
      group = first;
      index += 1;
      for (;;) {
        const digit = replacement.charCodeAt(index + 1) - 48;
        if (!(digit >= 0 && digit <= 9) || group * 10 + digit > groupCount) break;
        group = group * 10 + digit;
        index += 1;
      }
    }
    if (literal) pieces.push(literal);
    literal = '';
    pieces.push(group);
  }
  if (literal) pieces.push(literal);
  return pieces;
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

function flagsOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  return isText(value) ? value : undefined;
}

const matches = new FeelFunction((input: unknown, pattern: unknown, flagValue: unknown) => {
  const flags = flagsOf(flagValue);
  if (!isText(input) || !isText(pattern) || flags === undefined) return null;
  const regex = compile('matches', pattern, flags);
  if ('failure' in regex) return failureOf('matches', 'Invalid pattern', regex.failure);
  return scanning(regex.regex, () => regex.regex.test(input));
}, ['input', 'pattern', 'flags']);

const replace = new FeelFunction((input: unknown, pattern: unknown, replacement: unknown, flagValue: unknown) => {
  const flags = flagsOf(flagValue);
  if (!isText(input) || !isText(pattern) || !isText(replacement) || flags === undefined) return null;
  const regex = compile('replace', pattern, flags);
  if ('failure' in regex) return failureOf('replace', 'Invalid pattern', regex.failure);
  chargeBuiltinWork(Math.floor(replacement.length / CHARS_PER_STEP));
  const pieces = readReplacement(replacement, regex.regex.groupCount(), regex.regex.namedGroups());
  if (typeof pieces === 'string') return failed('replace', `Invalid replacement ${shown(replacement)}`, pieces);
  return scanning(regex.regex, () => {
    const matcher = regex.regex.matcher(input);
    let output = '';
    let copied = 0;
    let written = 0;
    while (matcher.find()) {
      output += input.slice(copied, matcher.start());
      const piece = expand(pieces, matcher);
      output += piece;
      copied = matcher.end();
      // each match costs about a step; what it adds to the output is charged like a string argument
      written += piece.length;
      chargeBuiltinWork(1 + Math.floor(written / CHARS_PER_STEP));
      written %= CHARS_PER_STEP;
    }
    return output + input.slice(copied);
  });
}, ['input', 'pattern', 'replacement', 'flags']);

function expand(pieces: Piece[], matcher: Matcher): string {
  let text = '';
  for (const piece of pieces) text += typeof piece === 'string' ? piece : (matcher.group(piece) ?? '');
  return text;
}

const split = new FeelFunction((input: unknown, delimiter: unknown) => {
  if (!isText(input) || !isText(delimiter)) return null;
  const regex = compile('split', delimiter, '');
  if ('failure' in regex) return failureOf('split', 'Invalid pattern for delimiter', regex.failure);
  return scanning(regex.regex, () => {
    const parts: string[] = [];
    const matcher = regex.regex.matcher(input);
    let from = 0;
    while (matcher.find()) {
      chargeBuiltinWork(1);
      // as Java's Pattern#split: a zero-width match at the start makes no empty first part
      if (matcher.end() === 0) continue;
      parts.push(input.slice(from, matcher.start()));
      from = matcher.end();
    }
    parts.push(input.slice(from));
    return parts;
  });
}, ['string', 'delimiter']);

const extract = new FeelFunction((input: unknown, pattern: unknown) => {
  if (!isText(input) || !isText(pattern)) return null;
  const regex = compile('extract', pattern, '');
  if ('failure' in regex) return failureOf('extract', 'Invalid pattern', regex.failure);
  return scanning(regex.regex, () => {
    const found: string[] = [];
    const matcher = regex.regex.matcher(input);
    while (matcher.find()) {
      chargeBuiltinWork(1);
      found.push(matcher.group(0) ?? '');
    }
    return found;
  });
}, ['string', 'pattern']);

function failureOf(name: string, what: string, failure: { pattern: string; reason: string }): object {
  return failed(name, `${what} ${shown(failure.pattern)}`, failure.reason);
}

/** The pattern functions by FEEL name; they charge their own work (`call-budget.ts`). */
export const regexFunctions: Record<string, FeelFunction> = selfChargedFunctions({ matches, replace, split, extract });
