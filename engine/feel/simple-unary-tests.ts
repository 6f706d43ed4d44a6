/**
 * A fast path for the unary tests that fill most decision tables — string and number literals, lists of
 * them, `true` / `false` / `null`, number comparisons (`< 5`) and number intervals (`[1..5]`, `]1..5[`) —
 * compiled once into a plain predicate. A feelin evaluation costs a parse and a tree walk (a large table
 * runs hundreds of them); this costs a comparison. Anything else returns undefined and goes to feelin.
 * The answers equal feelin's (with engine/feel's type patch) for primitive inputs, which a test checks
 * against feelin over a matrix of tests and inputs.
 */
export type SimplePredicate = (input: string | number | boolean | null) => boolean;

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const STRING_LITERAL = /^"([^"\\]*)"$/;
const NUMBER_LITERAL = new RegExp(`^${NUMBER}$`);
const COMPARISON = new RegExp(`^(<=|>=|<|>)\\s*(${NUMBER})$`);
const INTERVAL = new RegExp(`^([\\[(\\]])\\s*(${NUMBER})\\s*\\.\\.\\s*(${NUMBER})\\s*([\\])[])$`);

const compiled = new Map<string, SimplePredicate | null>();
const MAX_COMPILED = 10_000;

/** The predicate for `source` if it is a simple unary test, else undefined. */
export function simpleUnaryTests(source: string): SimplePredicate | undefined {
  let predicate = compiled.get(source);
  if (predicate === undefined) {
    predicate = compile(source.trim()) ?? null;
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(source, predicate);
  }
  return predicate ?? undefined;
}

function compile(source: string): SimplePredicate | undefined {
  const items = splitItems(source);
  if (!items || items.length === 0) return undefined;
  const predicates: SimplePredicate[] = [];
  for (const item of items) {
    const predicate = compileItem(item.trim());
    if (!predicate) return undefined;
    predicates.push(predicate);
  }
  return predicates.length === 1 ? predicates[0] : (input) => predicates.some((predicate) => predicate(input));
}

function compileItem(item: string): SimplePredicate | undefined {
  const text = STRING_LITERAL.exec(item);
  if (text) return (input) => input === text[1];
  if (NUMBER_LITERAL.test(item)) {
    const number = Number(item);
    return (input) => input === number;
  }
  if (item === 'true') return (input) => input === true;
  if (item === 'false') return (input) => input === false;
  if (item === 'null') return (input) => input === null;
  const comparison = COMPARISON.exec(item);
  if (comparison) {
    const bound = Number(comparison[2]);
    switch (comparison[1]) {
      case '<': return (input) => typeof input === 'number' && input < bound;
      case '<=': return (input) => typeof input === 'number' && input <= bound;
      case '>': return (input) => typeof input === 'number' && input > bound;
      default: return (input) => typeof input === 'number' && input >= bound;
    }
  }
  const interval = INTERVAL.exec(item);
  if (interval) {
    const [, open, lowText, highText, close] = interval;
    let low = Number(lowText);
    let high = Number(highText);
    let lowIncluded = open === '[';
    let highIncluded = close === ']';
    // feelin orders a descending interval ([10..1]) before testing
    if (low > high) [low, high, lowIncluded, highIncluded] = [high, low, highIncluded, lowIncluded];
    return (input) =>
      typeof input === 'number' && (lowIncluded ? input >= low : input > low) && (highIncluded ? input <= high : input < high);
  }
  return undefined;
}

/** Splits at commas outside string literals; undefined if a string literal is left open. */
function splitItems(source: string): string[] | undefined {
  const items: string[] = [];
  let inString = false;
  let start = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '"') inString = !inString;
    else if (char === ',' && !inString) {
      items.push(source.slice(start, index));
      start = index + 1;
    }
  }
  if (inString) return undefined;
  items.push(source.slice(start));
  return items;
}
