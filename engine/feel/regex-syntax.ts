/**
 * Reads a FEEL pattern (the regular expressions of `matches()`, `replace()`, `split()` and `extract()`) before
 * re2js compiles it: it rewrites what Camunda's FEEL engine accepts (it compiles patterns with
 * `java.util.regex.Pattern`) but RE2's syntax spells differently, names the constructs a linear-time matcher
 * cannot offer, and bounds the size of the compiled program, so that compiling is charged before it runs.
 */

/** A pattern ready for re2js, with an upper bound of the instructions its compiled program has. */
export interface PatternSource {
  source: string;
  instructions: number;
}

/** Why a pattern cannot be matched without backtracking, in Chinese and English. */
export interface UnsupportedPattern {
  unsupported: string;
}

const UNSUPPORTED = {
  backReference:
    '不支持反向引用（\\1、\\k<name>），模式按线性时间匹配、不回溯 / back-references (\\1, \\k<name>) are not supported: patterns are matched in linear time, without backtracking',
  lookaround:
    '不支持先行或后行断言（(?=、(?!、(?<=、(?<!） / lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported: patterns are matched in linear time, without backtracking',
  atomic:
    '不支持占有量词和原子组（*+、++、?+、(?>） / possessive quantifiers and atomic groups (*+, ++, ?+, (?>) are not supported: patterns are matched in linear time, without backtracking',
} as const;

interface Frame {
  /** Instructions of the group so far. */
  total: number;
  /** Instructions of the last atom (what a following quantifier repeats). */
  last: number;
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
const QUANTIFIER = /^\{(\d{1,7})(,(\d{0,7}))?\}/;
const WHITESPACE = /[ \t\n\r\f\v]/;

/**
 * `pattern` in RE2's syntax (`\uXXXX` becomes `\x{XXXX}`; with `extended`, the `x` flag, whitespace and `#`
 * comments outside character classes are dropped, as Java does), with an upper bound of its compiled size:
 * every atom one instruction, a group two more, `{n,m}` multiplying what it repeats. Or why it cannot be
 * matched without backtracking (back-references, lookaround, possessive quantifiers, atomic groups: Java has
 * them, XML Schema's regular expressions do not). Anything else RE2 does not accept is left to re2js to refuse.
 */
export function readPattern(pattern: string, extended: boolean): PatternSource | UnsupportedPattern {
  let source = '';
  const stack: Frame[] = [{ total: 0, last: 0 }];
  const atom = (text: string, size = 1) => {
    source += text;
    const frame = stack[stack.length - 1];
    frame.total += size;
    frame.last = size;
  };
  const repeat = (text: string, times: number, extra: number) => {
    source += text;
    const frame = stack[stack.length - 1];
    frame.total += frame.last * (times - 1) + extra;
    frame.last = frame.last * times + extra;
  };
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (extended && WHITESPACE.test(char)) {
      index += 1;
      continue;
    }
    if (extended && char === '#') {
      const end = pattern.indexOf('\n', index);
      index = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (char === '\\') {
      const next = pattern[index + 1];
      if (next === undefined) return atomEnd(source + char, stack);
      if (next >= '1' && next <= '9') return { unsupported: UNSUPPORTED.backReference };
      if (next === 'k' && pattern[index + 2] === '<') return { unsupported: UNSUPPORTED.backReference };
      if (next === 'u' && HEX4.test(pattern.slice(index + 2, index + 6))) {
        atom(`\\x{${pattern.slice(index + 2, index + 6)}}`);
        index += 6;
        continue;
      }
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', index + 2);
        const literal = pattern.slice(index + 2, end < 0 ? pattern.length : end);
        atom(`\\Q${literal}\\E`, Math.max(1, literal.length));
        index = end < 0 ? pattern.length : end + 2;
        continue;
      }
      const braced = (next === 'p' || next === 'P' || next === 'x') && pattern[index + 2] === '{' ? pattern.indexOf('}', index + 2) : -1;
      const to = braced > 0 ? braced + 1 : index + 2;
      atom(pattern.slice(index, to));
      index = to;
      continue;
    }
    if (char === '[') {
      const end = classEnd(pattern, index);
      atom(translateClass(pattern.slice(index, end)));
      index = end;
      continue;
    }
    if (char === '(') {
      if (/^\(\?<?[=!]/.test(pattern.slice(index, index + 4))) return { unsupported: UNSUPPORTED.lookaround };
      if (pattern.startsWith('(?>', index)) return { unsupported: UNSUPPORTED.atomic };
      source += char;
      stack.push({ total: 0, last: 0 });
      index += 1;
      continue;
    }
    if (char === ')' && stack.length > 1) {
      const group = stack.pop()!;
      atom(char, group.total + 2);
      index += 1;
      continue;
    }
    if (char === '*' || char === '+' || char === '?') {
      if (pattern[index + 1] === '+') return { unsupported: UNSUPPORTED.atomic };
      repeat(char, 1, char === '*' ? 2 : 1);
      index += 1;
      continue;
    }
    if (char === '{') {
      const quantifier = QUANTIFIER.exec(pattern.slice(index, index + 20));
      if (quantifier) {
        if (pattern[index + quantifier[0].length] === '+') return { unsupported: UNSUPPORTED.atomic };
        const least = Number(quantifier[1]);
        const most = quantifier[2] === undefined ? least : quantifier[3] === '' ? least + 1 : Number(quantifier[3]);
        repeat(quantifier[0], Math.max(1, least, most), most > least ? most - least : 0);
        index += quantifier[0].length;
        continue;
      }
    }
    if (char === '|') {
      source += char;
      const frame = stack[stack.length - 1];
      frame.total += 1;
      frame.last = 0;
      index += 1;
      continue;
    }
    atom(char);
    index += 1;
  }
  return atomEnd(source, stack);
}

function atomEnd(source: string, stack: Frame[]): PatternSource {
  // unclosed groups are left for re2js to refuse; their sizes still count
  return { source, instructions: stack.reduce((sum, frame) => sum + frame.total, 0) + 2 };
}

/** The index just past the character class that opens at `start` (or the end of the pattern). */
function classEnd(pattern: string, start: number): number {
  let index = start + 1;
  if (pattern[index] === '^') index += 1;
  if (pattern[index] === ']') index += 1;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === '\\') index += 2;
    else if (char === '[' && pattern[index + 1] === ':') {
      const end = pattern.indexOf(':]', index + 2);
      index = end < 0 ? index + 1 : end + 2;
    } else if (char === ']') return index + 1;
    else index += 1;
  }
  return pattern.length;
}

/** A character class with its `\uXXXX` escapes in RE2's spelling. */
function translateClass(text: string): string {
  return text.replace(/\\(\\|u([0-9a-fA-F]{4}))/g, (whole, escaped: string, hex: string | undefined) => (hex ? `\\x{${hex}}` : whole));
}
