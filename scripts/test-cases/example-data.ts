/**
 * The example data Camunda Modeler stores on a task (`zeebe:property name="camundaModeler:exampleOutputJson"`),
 * which CPT's `useExampleData` completes a job or user task with: the deployed XML carries it, the engine's
 * records do not.
 */
import { BpmnModdle } from 'bpmn-moddle';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { DeploymentResource, Variables } from '../../engine/api';
import { TestCaseFailure } from './test-case-runtime';

/** The zeebe:property Camunda Modeler keeps a task's example output in. */
export const EXAMPLE_OUTPUT_PROPERTY = 'camundaModeler:exampleOutputJson';

interface ModdleElement {
  $type: string;
  id?: string;
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
  extensionElements?: { values?: { $type: string; properties?: { name?: string; value?: string }[] }[] };
}

/** Example output JSON by process id and element id, over the deployed BPMN resources. */
export class ExampleData {
  private constructor(private readonly byElement: ReadonlyMap<string, string>) {}

  /** Reads every `.bpmn` resource; one that does not parse adds nothing (the engine already judged it). */
  static async of(resources: readonly DeploymentResource[]): Promise<ExampleData> {
    const byElement = new Map<string, string>();
    const walk = (processId: string, elements: ModdleElement[] | undefined) => {
      for (const element of elements ?? []) {
        const properties = (element.extensionElements?.values ?? []).filter((value) => value.$type === 'zeebe:Properties').flatMap((value) => value.properties ?? []);
        const example = properties.find((property) => property.name === EXAMPLE_OUTPUT_PROPERTY)?.value;
        if (element.id && example !== undefined) byElement.set(`${processId}\u0000${element.id}`, example);
        walk(processId, element.flowElements);
      }
    };
    for (const resource of resources) {
      if (!/\.bpmn$/i.test(resource.name)) continue;
      try {
        const moddle = new BpmnModdle({ zeebe: zeebeModdle });
        const { rootElement } = (await moddle.fromXML(Buffer.from(resource.content).toString('utf8'))) as unknown as { rootElement: ModdleElement };
        for (const process of rootElement.rootElements?.filter((root) => root.$type === 'bpmn:Process') ?? []) walk(process.id ?? '', process.flowElements);
      } catch {
        // A resource the engine refused fails the case at deployment with the engine's own message.
      }
    }
    return new ExampleData(byElement);
  }

  /**
   * The variables an element's example data completes it with; none when it has no example data. Example data
   * that is not a JSON object fails the case, naming the element.
   */
  variablesOf(bpmnProcessId: string, elementId: string): Variables {
    const text = this.byElement.get(`${bpmnProcessId}\u0000${elementId}`);
    if (text === undefined || text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new TestCaseFailure(`the example data of element '${elementId}' is not JSON: ${(error as Error).message} / 元素「${elementId}」的示例数据不是 JSON`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new TestCaseFailure(`the example data of element '${elementId}' must be a JSON object / 元素「${elementId}」的示例数据必须是 JSON 对象`);
    }
    return parsed as Variables;
  }
}
