/** Refuse XML that declares a DOCTYPE or entities (XXE, billion laughs) before any parser sees it. */
export function refuseHostileXml(xml: string): string | undefined {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    return 'DOCTYPE and ENTITY declarations are not allowed (XML external entities and entity expansion are refused)';
  }
  return undefined;
}

/** The 1-based line on which an element with this id is declared, for error messages. */
export function lineOf(xml: string, id: string): number | undefined {
  const at = xml.search(new RegExp(`\\sid=["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`));
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) if (xml.charCodeAt(i) === 10) line++;
  return line;
}
