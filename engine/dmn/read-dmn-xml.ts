import { DmnModdle } from 'dmn-moddle';
import { Reader } from 'moddle-xml';

/** The slice of dmn-moddle's element tree the engine reads. */
export interface DmnElement {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

const DMN_13_NAMESPACE = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

/**
 * The model namespaces of DMN 1.1, 1.2 and 1.4. Decision tables, literal expressions and information
 * requirements are written alike in all of them, so they are read with dmn-moddle's DMN 1.3 model.
 */
const OTHER_DMN_NAMESPACES = [
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd',
  'http://www.omg.org/spec/DMN/20180521/MODEL/',
  'https://www.omg.org/spec/DMN/20211108/MODEL/',
  'https://www.omg.org/spec/DMN/20230324/MODEL/',
];

const moddle = DmnModdle();

/**
 * Reads DMN XML into dmn-moddle's element tree, synchronously.
 *
 * dmn-moddle's `fromXML` returns a promise, but moddle-xml does all its work inside the promise's executor,
 * which runs synchronously; handing it our own root handler lets us read the result right away, so that
 * deployment stays a synchronous command. A DOCTYPE or entity declaration is refused outright.
 */
export function readDmnXml(xml: string): { ok: true; value: DmnElement } | { ok: false; failure: string } {
  if (typeof xml !== 'string' || xml.trim() === '') return { ok: false, failure: 'the DMN resource is empty' };
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    return { ok: false, failure: 'DOCTYPE and entity declarations are not allowed in a DMN resource' };
  }
  let normalized = xml;
  for (const namespace of OTHER_DMN_NAMESPACES) normalized = normalized.split(`"${namespace}"`).join(`"${DMN_13_NAMESPACE}"`);
  if (!normalized.includes(DMN_13_NAMESPACE)) {
    return { ok: false, failure: `the resource is not a DMN 1.1–1.4 model (expected the namespace '${DMN_13_NAMESPACE}')` };
  }
  const malformed = wellFormednessProblem(normalized);
  if (malformed) return { ok: false, failure: `failed to parse the DMN XML: ${malformed}` };
  const reader = new Reader({ model: moddle, lax: true });
  const rootHandler = reader.handler('dmn:Definitions');
  reader.fromXML(normalized, rootHandler).catch(() => undefined);
  const root = rootHandler.element as DmnElement | undefined;
  const problems = (rootHandler.context?.warnings ?? []).map((warning) => describeReaderWarning(warning.message));
  const unparsable = problems.find((problem) => problem.startsWith('unparsable content'));
  if (!root || root.$type !== 'dmn:Definitions') {
    return { ok: false, failure: `failed to parse the DMN XML: ${problems[0] ?? 'no <definitions> root element'}` };
  }
  if (unparsable) return { ok: false, failure: `failed to parse the DMN XML: ${problems.join('; ')}` };
  return { ok: true, value: root };
}

/** moddle-xml's "unparsable content <x> detected\n\tline: …\n\tcolumn: …\n\tnested error: …" on one line. */
function describeReaderWarning(message: string): string {
  const [first, ...details] = message.split('\n').map((line) => line.trim());
  const field = (name: string) => details.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim();
  const nested = field('nested error');
  const line = field('line');
  return nested ? `${first} (line ${Number(line ?? 0) + 1}: ${nested})` : first;
}

/**
 * saxen, the parser under moddle-xml, tolerates unclosed and mismatched tags; a DMN engine must not guess
 * what a broken file meant, so element nesting is checked first (comments, CDATA and processing
 * instructions skipped).
 */
function wellFormednessProblem(xml: string): string | undefined {
  const stack: string[] = [];
  const tokens = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
  let match: RegExpExecArray | null;
  let roots = 0;
  let consumed = 0;
  while ((match = tokens.exec(xml)) !== null) {
    if (xml.slice(consumed, match.index).includes('<')) return `unexpected '<' near offset ${xml.indexOf('<', consumed)}`;
    consumed = tokens.lastIndex;
    const [, closing, name, , selfClosing] = match;
    if (name === undefined) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name) return open ? `the element <${open}> is closed by </${name}>` : `</${name}> closes no element`;
      continue;
    }
    if (stack.length === 0) roots++;
    if (roots > 1) return `more than one root element (<${name}>)`;
    if (!selfClosing) stack.push(name);
  }
  if (xml.slice(consumed).includes('<')) return `unexpected '<' near offset ${xml.indexOf('<', consumed)}`;
  if (stack.length > 0) return `the element <${stack[stack.length - 1]}> is never closed`;
  return undefined;
}
