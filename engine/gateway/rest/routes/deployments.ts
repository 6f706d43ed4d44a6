import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import type { DeploymentMetadata, DeploymentResource } from '../../../api';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import { keyParam, objectBody, optionalString, tenantOf } from '../request-fields';

const MAX_RESOURCE_BYTES = 4 * 1024 * 1024;

/**
 * The SDK's `deployResourcesFromFiles` reads files as latin1 text and form-data re-encodes that as UTF-8,
 * so a UTF-8 file (every model here has Chinese names) arrives encoded twice. Undo exactly that: the
 * repair applies only when the bytes decode to code points ≤ 0xFF that themselves form valid UTF-8.
 */
export function undoDoubleUtf8(content: Buffer): Buffer {
  const text = content.toString('utf8');
  let hasHigh = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code > 0xff) return content;
    if (code >= 0x80) hasHigh = true;
  }
  if (!hasHigh) return content;
  const original = Buffer.from(text, 'latin1');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(original);
  } catch {
    return content;
  }
  return original;
}

/** One deployed resource as Camunda 8.8's `deployments[]` entry. */
function toDeploymentEntry(metadata: DeploymentMetadata): Record<string, unknown> {
  if ('process' in metadata) {
    const { process } = metadata;
    return {
      processDefinition: {
        processDefinitionId: process.bpmnProcessId,
        processDefinitionVersion: process.version,
        resourceName: process.resourceName,
        tenantId: process.tenantId,
        processDefinitionKey: process.processDefinitionKey,
      },
    };
  }
  if ('decision' in metadata) {
    const { decision } = metadata;
    return {
      decisionDefinition: {
        decisionDefinitionId: decision.dmnDecisionId,
        version: decision.version,
        name: decision.dmnDecisionName,
        tenantId: decision.tenantId,
        decisionRequirementsId: decision.dmnDecisionRequirementsId,
        decisionDefinitionKey: decision.decisionKey,
        decisionRequirementsKey: decision.decisionRequirementsKey,
      },
    };
  }
  if ('decisionRequirements' in metadata) {
    const requirements = metadata.decisionRequirements;
    return {
      decisionRequirements: {
        decisionRequirementsId: requirements.dmnDecisionRequirementsId,
        decisionRequirementsName: requirements.dmnDecisionRequirementsName,
        version: requirements.version,
        resourceName: requirements.resourceName,
        tenantId: requirements.tenantId,
        decisionRequirementsKey: requirements.decisionRequirementsKey,
      },
    };
  }
  const { form } = metadata;
  return { form: { formId: form.formId, version: form.version, resourceName: form.resourceName, tenantId: form.tenantId, formKey: form.formKey } };
}

/** `POST /v2/deployments` (multipart `resources`: .bpmn, .dmn, .form) and `POST /v2/resources/{key}/deletion`. */
export function deploymentRoutes(context: RestRouteContext): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_RESOURCE_BYTES, files: 100 } });

  // multer's own errors (a file too large, an unexpected field) are the client's, not the server's.
  const receive = (request: Request, response: Response, next: NextFunction) => {
    upload.array('resources')(request, response, (error?: unknown) => {
      if (error instanceof multer.MulterError) {
        const status = error.code === 'LIMIT_FILE_SIZE' ? 413 : 400;
        next(new HttpProblem(status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_ARGUMENT', `Expected resources as multipart field 'resources' of at most ${MAX_RESOURCE_BYTES} bytes each, but ${error.message}${error.field ? ` (field '${error.field}')` : ''}.`));
        return;
      }
      // busboy's complaints about the form itself ("Unexpected end of form", "Malformed part header") are too.
      if (error instanceof Error) {
        next(new HttpProblem(400, 'INVALID_ARGUMENT', `Expected a well-formed multipart/form-data body, but ${error.message}.`));
        return;
      }
      next(error);
    });
  };

  // Who may deploy is known before the body: a caller who may not is refused (403) before multer reads a byte
  // of up to 100 files of 4 MB (issue 13).
  const mayDeploy = (_request: Request, response: Response, next: NextFunction) => {
    requestAuth(response).require({ action: 'deployment:create' });
    next();
  };

  router.post('/deployments', mayDeploy, receive, async (request, response) => {
    const auth = requestAuth(response);
    const files = (request.files ?? []) as Express.Multer.File[];
    if (files.length === 0) throw badRequest('No resources provided.');
    const tenantId = tenantOf(objectBody(request));
    const resources: DeploymentResource[] = files.map((file) => ({
      // multer decodes the filename as latin1; the SDKs send UTF-8.
      name: Buffer.from(file.originalname, 'latin1').toString('utf8'),
      content: undoDoubleUtf8(file.buffer),
    }));
    const result = await context.engine.deployResources(resources, tenantId, auth.context);
    response.json({ deploymentKey: result.key, tenantId: result.tenantId, deployments: result.deployments.map(toDeploymentEntry) });
  });

  router.post('/resources/:resourceKey/deletion', async (request, response) => {
    const auth = requestAuth(response);
    const resourceKey = keyParam(request, 'resourceKey');
    optionalString(objectBody(request), 'operationReference');
    auth.require({ action: 'resource:delete' });
    await context.engine.deleteResource(resourceKey, auth.context);
    response.status(204).end();
  });
  return router;
}
