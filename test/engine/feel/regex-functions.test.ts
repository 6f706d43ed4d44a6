import { expect } from 'chai';
import { evaluateExpression, type FeelResult } from '../../../engine/feel';
import { FEEL_ENGINE_MAX_ITERATIONS } from '../../../engine/feel/iteration-budget';

const ctx = { now: Date.parse('2026-12-05T09:00:00Z') };

function evaluated(text: string, variables: Record<string, unknown> = {}): FeelResult {
  return evaluateExpression(`=${text}`, variables, ctx);
}

/** Evaluates `=text` and returns its value, failing the test on a failure. */
function value(text: string, variables: Record<string, unknown> = {}): unknown {
  const result = evaluated(text, variables);
  if (!result.ok) throw new Error(result.failure);
  return result.value;
}

/** The warnings of an evaluation that must yield null. */
function nullWarnings(text: string, variables: Record<string, unknown> = {}): string {
  const result = evaluated(text, variables);
  expect(result.ok, !result.ok ? result.failure : '').to.equal(true);
  expect(result.ok && result.value).to.equal(null);
  return (result.ok && result.warnings?.join('\n')) || '';
}

/** Whether an evaluation stopped by the step budget. */
function stoppedByCount(result: FeelResult): boolean {
  return !result.ok && new RegExp(`FEEL 求值超出预算.*at most ${FEEL_ENGINE_MAX_ITERATIONS} list items \\(ONEGO_FEEL_ENGINE_MAX_ITERATIONS\\)`).test(result.failure);
}

describe('FEEL pattern functions (matches, replace, split, extract) as Camunda reads them, without backtracking', () => {
  describe('read patterns and replacements as Camunda\'s FEEL engine (java.util.regex) does', () => {
    const rows: [string, Record<string, unknown>, unknown][] = [
      // the examples of Camunda's string function documentation
      ['matches("foobar", "^fo*bar")', {}, true],
      ['replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")', {}, '[1=ab][2=]cd'],
      ['replace("0123456789", p, "($1) $2-$3")', { p: '(\\d{3})(\\d{3})(\\d{4})' }, '(012) 345-6789'],
      ['split("John Doe", "\\s")', {}, ['John', 'Doe']],
      ['split("a;b;c;;", ";")', {}, ['a', 'b', 'c', '', '']],
      ['extract("references are 1234, 1256, 1378", "12[0-9]*")', {}, ['1234', '1256']],
      // matches finds the pattern anywhere (Matcher#find), not only over the whole input
      ['matches("申请编号 A-2026", p)', { p: '[A-Z]-\\d{4}' }, true],
      ['matches("OneGo", "^one", "i")', {}, true],
      ['matches(t, "^第二", "m")', { t: '第一行\n第二行' }, true],
      ['matches(t, "a.b", "s")', { t: 'a\nb' }, true],
      ['matches(t, "a.b")', { t: 'a\nb' }, false],
      // x drops whitespace and # comments, as Java's COMMENTS flag does; other letters are ignored there
      ['matches("2026-12", p, "x")', { p: '^ \\d{4}  # year\n - \\d{2} $' }, true],
      ['matches("abc", "b", "z")', {}, true],
      // Chinese ranges as models write them, \u escapes included (RE2 spells them \x{…})
      ['matches("张三丰", p)', { p: '^[\\u4e00-\\u9fa5]{2,4}$' }, true],
      ['matches("Zhang", p)', { p: '^[\\u4e00-\\u9fa5]{2,4}$' }, false],
      ['matches("张三", "^\\p{Han}+$")', {}, true],
      // replacement references: $0, greedy group numbers, named groups, \$ for a dollar sign
      ['replace("abracadabra", "a(.)", "a$1$1")', {}, 'abbraccaddabbra'],
      ['replace("abc", "b", "[$0]")', {}, 'a[b]c'],
      ['replace("abc", "(b)", "$10")', {}, 'ab0c'],
      ['replace("2026-12-05", p, "${d}/${m}/${y}")', { p: '(?P<y>\\d+)-(?P<m>\\d+)-(?P<d>\\d+)' }, '05/12/2026'],
      ['replace("price", "price", r)', { r: '\\$5' }, '$5'],
      ['replace("aaa", "a*", "x")', {}, 'xx'],
      ['replace("AbA", "a", "-", "i")', {}, '-b-'],
      // split keeps trailing empty parts and leaves out captured delimiters, as Pattern#split(input, -1) does
      ['split("a1b2c", p)', { p: '(\\d)' }, ['a', 'b', 'c']],
      ['split("abc", "")', {}, ['a', 'b', 'c', '']],
      ['split(",a,b", ",")', {}, ['', 'a', 'b']],
      ['split("", ",")', {}, ['']],
      ['extract("a12b", p)', { p: '\\d*' }, ['', '12', '', '']],
    ];
    for (const [text, variables, expected] of rows) {
      it(`${text}${Object.keys(variables).length ? ` with ${JSON.stringify(variables)}` : ''} → ${JSON.stringify(expected)}`, () => expect(value(text, variables)).to.deep.equal(expected));
    }

    it('gives null without a warning for arguments that are not strings', () => {
      for (const text of ['matches(null, "a")', 'replace(1, "a", "b")', 'split("a", 1)', 'extract("a", null)', 'matches("a", "a", 1)']) {
        const result = evaluated(text);
        expect(result, text).to.deep.equal({ ok: true, value: null });
      }
    });
  });

  describe('refuse what they cannot read like Camunda, with null and a FUNCTION_INVOCATION_FAILURE warning', () => {
    it('names an invalid pattern', () => {
      expect(nullWarnings('matches("a", "(")')).to.match(/^\[FUNCTION_INVOCATION_FAILURE\] Failed to invoke function 'matches': Invalid pattern '\(': 模式无效 \/ .*missing closing \)/);
      expect(nullWarnings('split("a", "[")')).to.match(/Failed to invoke function 'split': Invalid pattern for delimiter '\['/);
      expect(nullWarnings('matches("a", "a{2,1}")')).to.match(/Invalid pattern 'a\{2,1\}': 模式无效 \/ .*invalid repeat count/);
    });

    it('names back-references, lookaround and possessive quantifiers as unsupported, since they need backtracking', () => {
      const rows: [string, RegExp][] = [
        ['(ab)\\1', /不支持反向引用.*back-references \(\\1, \\k<name>\) are not supported: patterns are matched in linear time, without backtracking/],
        ['(?<x>a)\\k<x>', /back-references/],
        ['a(?=b)', /不支持先行或后行断言.*lookahead and lookbehind/],
        ['a(?!b)', /lookahead and lookbehind/],
        ['(?<=a)b', /lookahead and lookbehind/],
        ['(?<!a)b', /lookahead and lookbehind/],
        ['a*+b', /不支持占有量词和原子组.*possessive quantifiers and atomic groups/],
        ['(?>a|ab)c', /possessive quantifiers and atomic groups/],
      ];
      for (const [pattern, reason] of rows) {
        for (const call of ['matches("abab", p)', 'replace("abab", p, "x")', 'split("abab", p)', 'extract("abab", p)']) {
          expect(nullWarnings(call, { p: pattern }), `${call} with ${pattern}`).to.match(reason);
        }
      }
    });

    it('names a replacement that refers to a group the pattern lacks, or a lone $ or trailing backslash', () => {
      expect(nullWarnings('replace("abc", "(b)", "$2")')).to.match(/Invalid replacement '\$2': .*the replacement refers to group 2, but the pattern has 1/);
      expect(nullWarnings('replace("abc", "b", "$")')).to.match(/a \$ in the replacement is not followed by a group number/);
      expect(nullWarnings('replace("abc", "(b)", "${x}")')).to.match(/no group named 'x'/);
      expect(nullWarnings('replace("abc", "b", r)', { r: 'x\\' })).to.match(/ends with a backslash/);
    });
  });

  describe('never backtrack, and charge what they scan to the step budget (issue 13)', () => {
    it('answers the catastrophically backtracking patterns that froze the engine, in linear time', () => {
      expect(value('matches("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$")')).to.equal(false);
      expect(value('replace("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a|aa)+$", "x")')).to.equal('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!');
      expect(value('split("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$")')).to.deep.equal(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!']);
      // over 50,000 characters too: 8 instructions × 50,001 characters is within the budget
      expect(value('matches(t, "(a+)+$")', { t: `${'a'.repeat(50_000)}!` })).to.equal(false);
    });

    it('stops a pattern whose program is large over a long input by count, the same way every time', () => {
      const results = [0, 1].map(() => evaluated('matches(t, p)', { t: `${'a'.repeat(100_000)}!`, p: '\\pL{1000}!' }));
      expect(stoppedByCount(results[0]), JSON.stringify(results[0])).to.equal(true);
      expect(results[1]).to.deep.equal(results[0]);
    });

    it('stops a search repeated over the rest of the input (replace, split, extract of a(.*b)? over 16,000 characters took 10 s) by count', () => {
      for (const call of ['replace(t, "a(.*b)?", "x")', 'split(t, "a(.*b)?")', 'extract(t, "a(.*b)?")']) {
        const result = evaluated(call, { t: 'a'.repeat(16_000) });
        expect(stoppedByCount(result), `${call}: ${JSON.stringify(result)}`).to.equal(true);
      }
    });

    it('stops a pattern whose program is too large before compiling it, and a replacement that would grow the text past the budget', () => {
      expect(stoppedByCount(evaluated('matches("a", p)', { p: '\\pL{1000}'.repeat(100) }))).to.equal(true);
      expect(stoppedByCount(evaluated('replace(t, "", r)', { t: 'a'.repeat(100_000), r: 'x'.repeat(10_000) }))).to.equal(true);
    });

    it('lets the patterns of sound models over case texts run', () => {
      const text = `${'申请人张三，身份证号 370102199001011234，联系电话 13800000000。'.repeat(40)}`;
      expect(value('count(extract(t, "电话 1[3-9]\\d{9}"))', { t: text })).to.equal(40);
      expect(value('count(split(t, "。"))', { t: text })).to.equal(41);
      expect(value('string length(replace(t, "\\d", "*"))', { t: text })).to.equal(text.length);
    });
  });
});
