/**
 * The names of the BPMN elements a test case deployed, so CPT's `elementName` and `taskName` selectors can be
 * answered: the engine's records carry element ids, the deployed XML carries the names.
 */
import { BpmnModdle } from 'bpmn-moddle';
import type { DeploymentResource } from '../../engine/api';
import { TestCaseFailure } from './test-case-runtime';

interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
}

/** Element name → the ids of the elements carrying it, over every process of the deployed BPMN resources. */
export class ElementNames {
  private constructor(private readonly idsByName: ReadonlyMap<string, readonly string[]>) {}

  /** Reads every `.bpmn` resource; one that does not parse adds no names (the engine already judged it). */
  static async of(resources: readonly DeploymentResource[]): Promise<ElementNames> {
    const idsByName = new Map<string, string[]>();
    const walk = (elements: ModdleElement[] | undefined) => {
      for (const element of elements ?? []) {
        if (element.id && element.name) idsByName.set(element.name, [...(idsByName.get(element.name) ?? []), element.id]);
        walk(element.flowElements);
      }
    };
    for (const resource of resources) {
      if (!/\.bpmn$/i.test(resource.name)) continue;
      try {
        const { rootElement } = (await new BpmnModdle().fromXML(Buffer.from(resource.content).toString('utf8'))) as unknown as { rootElement: ModdleElement };
        walk(rootElement.rootElements?.filter((root) => root.$type === 'bpmn:Process'));
      } catch {
        // A resource the engine refused fails the case at deployment with the engine's own message.
      }
    }
    return new ElementNames(idsByName);
  }

  /**
   * The one element id a selector names: its `elementId`, or the id of the only element called `elementName`.
   * A name used by two elements is refused, since the assertion could not say which one it checked.
   */
  idOf(selector: { elementId?: unknown; elementName?: unknown } | undefined): string {
    if (typeof selector?.elementId === 'string') return selector.elementId;
    if (typeof selector?.elementName === 'string') {
      const ids = this.idsNamed(selector.elementName);
      if (ids.length === 1) return ids[0];
      if (ids.length === 0) throw new TestCaseFailure(`no deployed element is named '${selector.elementName}' / 找不到名为「${selector.elementName}」的元素`);
      throw new TestCaseFailure(`elements ${JSON.stringify(ids)} are all named '${selector.elementName}'; select by elementId / 多个元素同名，请用 elementId`);
    }
    throw new TestCaseFailure('an element selector needs "elementId" or "elementName" / 元素选择器需要 elementId 或 elementName');
  }

  /** Every element id carrying `name` (a user task's name is its element's name). */
  idsNamed(name: string): readonly string[] {
    return this.idsByName.get(name) ?? [];
  }
}
