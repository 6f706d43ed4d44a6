import { Router } from 'express';
import { AdHocSubProcessInstructionIntent, ValueType } from '../../../protocol';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { badRequest } from '../problem';
import { keyParam, objectBody, optionalBoolean, optionalVariables } from '../request-fields';

/** The `elements` of an activation request: each an `elementId` and optional `variables`. */
function elementsOf(body: Record<string, unknown>): { elementId: string; variables?: Record<string, unknown> }[] {
  const elements = body.elements;
  if (!Array.isArray(elements) || elements.length === 0) {
    throw badRequest('No elements provided. / 未提供要激活的元素 elements。');
  }
  return elements.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw badRequest(`Expected elements[${index}] to be an object with an 'elementId', but was ${JSON.stringify(entry)}. / elements[${index}] 须为含 elementId 的对象。`);
    }
    const element = entry as Record<string, unknown>;
    if (typeof element.elementId !== 'string' || element.elementId.trim() === '') {
      throw badRequest(`No elementId provided for elements[${index}]. / elements[${index}] 未提供 elementId。`);
    }
    const variables = optionalVariables(element);
    return { elementId: element.elementId, ...(variables ? { variables } : {}) };
  });
}

/**
 * Camunda 8.8's `POST /v2/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation`:
 * activates activities of a running ad-hoc subprocess (204; 404 when the key is no ad-hoc subprocess or an
 * element is not one of its activities; 409 when it is not active; 400 for duplicates). Changing a running
 * case is an operator's act, as modification.
 */
export function adHocActivityRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.post('/element-instances/ad-hoc-activities/:adHocSubProcessInstanceKey/activation', async (request, response) => {
    const auth = requestAuth(response);
    const key = keyParam(request, 'adHocSubProcessInstanceKey');
    const body = objectBody(request);
    const elements = elementsOf(body);
    const cancelRemainingInstances = optionalBoolean(body, 'cancelRemainingInstances') ?? false;
    auth.require({ action: 'process-instance:modify' });
    await context.engine.submitCommand(
      {
        key,
        valueType: ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION,
        intent: AdHocSubProcessInstructionIntent.ACTIVATE,
        value: { adHocSubProcessInstanceKey: key, activateElements: elements, cancelRemainingInstances },
      },
      auth.context,
    );
    response.status(204).end();
  });
  return router;
}
