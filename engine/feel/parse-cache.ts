import { parser } from 'lezer-feel';

/**
 * Parsing is most of what a FEEL evaluation costs in feelin (≈0.5 ms for `a + count(b.c) > 2`), and feelin
 * re-parses on every call. feelin parses through lezer-feel's shared `parser.configure(…).parse(text)`, so
 * this module wraps `configure` to serve parse trees from a cache while one of our evaluations runs
 * (lezer trees are immutable). Outside {@link withParseCache} — e.g. other code calling feelin directly —
 * parsing is untouched.
 *
 * A parse also depends on the variables: lezer-feel reads a name with spaces or symbols (`first name`,
 * `applicant-risk`) as one name only if such a key exists. So the cache key holds the text plus every such
 * "compound" key that occurs in the text; keys made of one plain identifier cannot change the parse.
 */
const MAX_TREES = 10_000;
const MAX_VISITED_VALUES = 5_000;
const PLAIN_NAME = /^[\p{L}_?][\p{L}\p{N}_?]*$/u;
const KEYWORDS = new Set([
  'and', 'or', 'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies', 'between',
  'instance', 'of', 'not', 'null', 'true', 'false', 'function', 'external',
]);

type Configure = (config: { top?: string; dialect?: string }) => { parse(input: string): unknown };

const trees = new Map<string, unknown>();
let activeSignature: string | undefined;

const patchable = parser as unknown as { configure: Configure; [key: symbol]: boolean };
const PATCHED = Symbol.for('onego.lezer-feel.parseCache');
if (!patchable[PATCHED]) {
  const configure = patchable.configure.bind(parser) as Configure;
  patchable.configure = (config) => {
    const signature = activeSignature;
    if (signature === undefined) return configure(config);
    return {
      parse(input: string) {
        const key = `${config.top ?? ''}\u0000${config.dialect ?? ''}\u0000${signature}\u0000${input}`;
        let tree = trees.get(key);
        if (tree === undefined) {
          tree = configure(config).parse(input);
          if (trees.size >= MAX_TREES) trees.clear();
          trees.set(key, tree);
        }
        return tree;
      },
    };
  };
  patchable[PATCHED] = true;
}

/**
 * Runs a feelin evaluation of `source` with `context` as its variables, serving parse trees from the
 * cache. Falls back to plain parsing when the variables are too large to scan cheaply.
 */
export function withParseCache<T>(source: string, context: Record<string, unknown>, run: () => T): T {
  const signature = compoundKeysIn(source, context);
  const previous = activeSignature;
  activeSignature = signature;
  try {
    return run();
  } finally {
    activeSignature = previous;
  }
}

/** The compound keys anywhere in `context` that occur in `source`, as a stable string; undefined if too big. */
function compoundKeysIn(source: string, context: Record<string, unknown>): string | undefined {
  const found = new Set<string>();
  const pending: unknown[] = [context];
  let visited = 0;
  while (pending.length > 0) {
    const value = pending.pop();
    if (++visited > MAX_VISITED_VALUES) return undefined;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') pending.push(item);
      continue;
    }
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) continue;
    // entries count too, and are read one by one: a context of 200,000 entries cost 100 ms per evaluation here
    for (const key in value) {
      if (++visited > MAX_VISITED_VALUES) return undefined;
      if ((!PLAIN_NAME.test(key) || KEYWORDS.has(key)) && source.includes(key)) found.add(key);
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== null && typeof entry === 'object') pending.push(entry);
    }
  }
  return [...found].sort().join('\u0001');
}
