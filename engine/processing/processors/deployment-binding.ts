import type { ExecutableProcess } from '../../model';
import type { DeploymentResourceValue } from './deployment-processor';

/** The ids of what one deployment carries, for the `deployment` binding check. */
export interface DeployedIds {
  processIds: ReadonlySet<string>;
  decisionIds: ReadonlySet<string>;
  formIds: ReadonlySet<string>;
}

/**
 * Zeebe (8.6+) refuses a deployment in which an element binds a process, decision or form with binding type
 * `deployment` by a static id that the deployment does not carry: such an element could never find its
 * target, so the mistake is reported at deployment rather than as an incident later. Ids given as
 * expressions are only known at run time and are not checked. One error text per resource, in the shape of
 * the model compiler's errors.
 */
export function deploymentBindingErrors(bpmns: { resource: DeploymentResourceValue; processes: ExecutableProcess[] }[], deployed: DeployedIds): string[] {
  const errors: string[] = [];
  for (const { resource, processes } of bpmns) {
    const problems: string[] = [];
    const check = (elementId: string, extension: string, kind: string, id: string | undefined, held: ReadonlySet<string>) => {
      if (id === undefined || id.startsWith('=') || held.has(id)) return;
      problems.push(`- Element: ${elementId} > extensionElements > ${extension}\n    - ERROR: Expected to find ${kind} with id '${id}' in current deployment, but not found.`);
    };
    for (const model of processes) {
      for (const node of model.nodes.values()) {
        if (node.calledElement?.bindingType === 'deployment') check(node.id, 'calledElement', 'process', node.calledElement.processId, deployed.processIds);
        if (node.calledDecision?.bindingType === 'deployment') check(node.id, 'calledDecision', 'decision', node.calledDecision.decisionId, deployed.decisionIds);
        if (node.userTask?.formBinding?.bindingType === 'deployment') check(node.id, 'formDefinition', 'form', node.userTask.formId, deployed.formIds);
      }
    }
    if (problems.length > 0) errors.push(`'${resource.resourceName}': ${problems.join('\n')}`);
  }
  return errors;
}
