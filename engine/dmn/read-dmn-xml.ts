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
  const reader = new Reader({ model: moddle, lax: true });
  const rootHandler = reader.handler('dmn:Definitions');
  reader.fromXML(normalized, rootHandler).catch(() => undefined);
  const root = rootHandler.element as DmnElement | undefined;
  const problems = (rootHandler.context?.warnings ?? []).map((warning) => warning.message.split('\n')[0]);
  const unparsable = problems.find((problem) => problem.startsWith('unparsable content'));
  if (!root || root.$type !== 'dmn:Definitions') {
    return { ok: false, failure: `failed to parse the DMN XML: ${problems[0] ?? 'no <definitions> root element'}` };
  }
  if (unparsable) return { ok: false, failure: `failed to parse the DMN XML: ${problems.join('; ')}` };
  return { ok: true, value: root };
}
