import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { refuseHostileXml } from './xml-guard';

/** A parsed BPMN document: the moddle definitions tree and the source text (for line numbers). */
export interface ParsedBpmn {
  // moddle's element tree is untyped in practice; the compiler reads it defensively.
  definitions: any;
  xml: string;
}

const moddle = new BpmnModdle({ zeebe: zeebeSchema });

/** A problem bpmn-moddle reports while reading (an unresolved reference, an unknown attribute …). */
interface ModdleWarning {
  message: string;
  property?: string;
  element?: { $type?: string };
}

/** Whether a warning is about the diagram (BPMN DI: planes, shapes, edges, labels) rather than the process. */
function isDiagramInterchange(warning: ModdleWarning): boolean {
  return (warning.property ?? '').startsWith('bpmndi:') || /^(bpmndi|dc|di):/.test(warning.element?.$type ?? '');
}

/** At most this many reading problems are listed, as for validation problems; the rest are counted. */
const MAX_LISTED_WARNINGS = 100;

/**
 * The reading problems, joined; beyond {@link MAX_LISTED_WARNINGS} only counted, so a document with 40,000
 * dangling references is refused in a few kilobytes rather than 1.5 MB (issue 13).
 */
function listWarnings(problems: string[]): string {
  if (problems.length <= MAX_LISTED_WARNINGS) return problems.join('; ');
  const more = problems.length - MAX_LISTED_WARNINGS;
  return `${problems.slice(0, MAX_LISTED_WARNINGS).join('; ')}; … and ${more} more problems (${problems.length} in all; the first ${MAX_LISTED_WARNINGS} are listed) / 另有 ${more} 处问题未列出（共 ${problems.length} 处）`;
}

/**
 * Parse BPMN XML with bpmn-moddle + zeebe-bpmn-moddle. Hostile XML is refused before parsing; unknown or
 * unparsable content is a failure (Zeebe rejects what it cannot read), not a silently dropped element.
 */
export async function parseBpmn(xml: string): Promise<{ ok: true; value: ParsedBpmn } | { ok: false; failure: string }> {
  const hostile = refuseHostileXml(xml);
  if (hostile) return { ok: false, failure: hostile };
  try {
    const result = await moddle.fromXML(xml, 'bpmn:Definitions');
    // Zeebe ignores the diagram when it deploys: a shape or plane pointing at an element that is not there
    // (a renamed process, a deleted task) is the diagram's problem, not the process's.
    const problems = (result.warnings ?? [])
      .filter((w: ModdleWarning) => !isDiagramInterchange(w))
      .map((w: ModdleWarning) => w.message.split('\n').join(' '));
    if (problems.length > 0) return { ok: false, failure: `Invalid BPMN: ${listWarnings(problems)}` };
    return { ok: true, value: { definitions: result.rootElement, xml } };
  } catch (error) {
    return { ok: false, failure: `Invalid BPMN XML: ${(error as Error).message.split('\n')[0]}` };
  }
}
