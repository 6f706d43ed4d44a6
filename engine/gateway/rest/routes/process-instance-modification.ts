import { Router } from 'express';
import type { ModifyProcessInstanceRequest } from '../../../api';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { badRequest } from '../problem';
import { keyParam, objectBody, optionalInteger, optionalKey, optionalString, optionalVariables, requiredString, type Body } from '../request-fields';

/** Each entry of a body array as an object, or a 400 naming `field[index]`. */
function objectsIn(body: Body, field: string): Body[] {
  const value = body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`Expected '${field}' to be an array, but was ${JSON.stringify(value)}.`);
  return value.map((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw badRequest(`Expected '${field}[${index}]' to be an object, but was ${JSON.stringify(entry)}.`);
    return entry as Body;
  });
}

/** Camunda's activate instruction: an element id, optionally the ancestor scope instance and variables per scope. */
function activateInstruction(instruction: Body): NonNullable<ModifyProcessInstanceRequest['activateInstructions']>[number] {
  return {
    elementId: requiredString(instruction, 'elementId'),
    ancestorElementInstanceKey: optionalKey(instruction, 'ancestorElementInstanceKey'),
    variableInstructions: objectsIn(instruction, 'variableInstructions').map((variables) => ({
      scopeId: optionalString(variables, 'scopeId'),
      variables: optionalVariables(variables) ?? {},
    })),
  };
}

/** Camunda's terminate instruction by element instance key. */
function terminateInstruction(instruction: Body): { elementInstanceKey: string } {
  if (instruction.elementId !== undefined) {
    throw badRequest("Terminating by 'elementId' (Camunda 8.9) is not supported yet; name the 'elementInstanceKey' to terminate.");
  }
  const elementInstanceKey = optionalKey(instruction, 'elementInstanceKey');
  if (elementInstanceKey === undefined) throw badRequest('No elementInstanceKey provided.');
  return { elementInstanceKey };
}

/**
 * `POST /v2/process-instances/{processInstanceKey}/modification` (Camunda 8.8): activate elements and
 * terminate element instances of a running instance in one command — the same command gRPC's
 * ModifyProcessInstance sends, so the same rejections (404 for an unknown instance, 400 for an unknown
 * element). Answers 204. Admins only, as cancelling.
 */
export function processInstanceModificationRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.post('/process-instances/:processInstanceKey/modification', async (request, response) => {
    const auth = requestAuth(response);
    const processInstanceKey = keyParam(request, 'processInstanceKey');
    const body = objectBody(request);
    if (body.moveInstructions !== undefined) throw badRequest("'moveInstructions' (Camunda 8.9) are not supported yet; use activate and terminate instructions.");
    const operationReference = optionalInteger(body, 'operationReference', { min: 1 });
    const modification: ModifyProcessInstanceRequest = {
      processInstanceKey,
      activateInstructions: objectsIn(body, 'activateInstructions').map(activateInstruction),
      terminateInstructions: objectsIn(body, 'terminateInstructions').map(terminateInstruction),
      operationReference: operationReference === undefined ? undefined : String(operationReference),
    };
    auth.require({ action: 'process-instance:modify' });
    await context.engine.modifyProcessInstance(modification, auth.context);
    response.status(204).end();
  });
  return router;
}
