/**
 * Camunda's `$like` (`*` any run of characters, `?` exactly one, `\` escapes the next) matched without
 * backtracking, for the searches that filter in memory (process definitions, decision requirements, forms,
 * authorizations). A regular expression `^.*a.*a…$` backtracks exponentially: `*a` ten times against forty
 * `a`s held the engine thread for over a minute (issue 13). The greedy wildcard match below returns to the
 * last `*` only, so it takes at most pattern length × text length steps.
 */

type Token = { kind: 'any' } | { kind: 'one' } | { kind: 'char'; char: string };

function tokens(pattern: string): Token[] {
  const characters = Array.from(pattern);
  const result: Token[] = [];
  for (let index = 0; index < characters.length; index += 1) {
    const char = characters[index];
    if (char === '\\' && index + 1 < characters.length) {
      result.push({ kind: 'char', char: characters[index + 1] });
      index += 1;
    } else if (char === '*') {
      // a run of stars matches what one star matches
      if (result[result.length - 1]?.kind !== 'any') result.push({ kind: 'any' });
    } else if (char === '?') result.push({ kind: 'one' });
    else result.push({ kind: 'char', char });
  }
  return result;
}

/** Whether `text` matches the `$like` `pattern` as a whole (characters are Unicode code points). */
export function likeMatches(pattern: string, text: string): boolean {
  const wanted = tokens(pattern);
  const chars = Array.from(text);
  let p = 0;
  let t = 0;
  let star = -1;
  let starText = 0;
  while (t < chars.length) {
    const token = wanted[p];
    if (token && (token.kind === 'one' || (token.kind === 'char' && token.char === chars[t]))) {
      p += 1;
      t += 1;
    } else if (token?.kind === 'any') {
      star = p;
      starText = t;
      p += 1;
    } else if (star >= 0) {
      // let the last star take one more character and try the rest again
      p = star + 1;
      starText += 1;
      t = starText;
    } else return false;
  }
  while (wanted[p]?.kind === 'any') p += 1;
  return p === wanted.length;
}
