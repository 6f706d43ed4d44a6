/** Refuse XML that declares a DOCTYPE or entities (XXE, billion laughs) before any parser sees it. */
export function refuseHostileXml(xml: string): string | undefined {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    return 'DOCTYPE and ENTITY declarations are not allowed (XML external entities and entity expansion are refused)';
  }
  return undefined;
}

/**
 * The 1-based line of every `id="…"` attribute in the document (the first declaration of an id wins), found
 * in one pass. A report of many problems asks for many lines: searching the text from the start for each one
 * made a 40,000-problem model cost minutes (quadratic), so callers build this once per document.
 */
export function idLines(xml: string): ReadonlyMap<string, number> {
  const lines = new Map<string, number>();
  const attribute = /\sid=(["'])([^"']*)\1/g;
  let line = 1;
  let scanned = 0;
  for (let match = attribute.exec(xml); match; match = attribute.exec(xml)) {
    for (let i = scanned; i < match.index; i++) if (xml.charCodeAt(i) === 10) line++;
    scanned = match.index;
    if (!lines.has(match[2])) lines.set(match[2], line);
  }
  return lines;
}

/** The 1-based line on which an element with this id is declared (one lookup; use {@link idLines} for many). */
export function lineOf(xml: string, id: string): number | undefined {
  return idLines(xml).get(id);
}
