import { BpmnModdle } from 'bpmn-moddle';

/** What a process definition's records lack and its XML has: the process name and each element's name. */
export interface DefinitionNames {
  /** The process's name, or its id when it has none (as Camunda answers `processDefinitionName`). */
  processName: string;
  /** Element id → name, for named elements only (subprocesses included). */
  elements: Record<string, string>;
}

interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  flowElements?: ModdleElement[];
}

/**
 * Reads the names of one process out of deployed BPMN XML. The XML was validated at deployment (DOCTYPE and
 * entities refused there), so this only walks the tree; anything unreadable yields the process id as name.
 */
export async function definitionNamesOf(xml: string, bpmnProcessId: string): Promise<DefinitionNames> {
  const names: DefinitionNames = { processName: bpmnProcessId, elements: {} };
  try {
    const { rootElement } = (await new BpmnModdle().fromXML(xml)) as unknown as { rootElement: { rootElements?: ModdleElement[] } };
    const process = rootElement.rootElements?.find((element) => element.$type === 'bpmn:Process' && element.id === bpmnProcessId);
    if (!process) return names;
    if (process.name) names.processName = process.name;
    const walk = (elements: ModdleElement[] | undefined) => {
      for (const element of elements ?? []) {
        if (element.id && element.name) names.elements[element.id] = element.name;
        walk(element.flowElements);
      }
    };
    walk(process.flowElements);
  } catch {
    // Names are a convenience for readers; a definition the engine accepted is never refused here.
  }
  return names;
}
