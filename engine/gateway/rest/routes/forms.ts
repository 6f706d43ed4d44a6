import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import type { FormView } from '../../../history/readers/definitions';
import { historyFor } from '../history-access';
import { keyParam, objectBody } from '../request-fields';
import { integerFilter, search, stringFilter, type SearchSpec } from '../search';
import { formBody } from './process-definitions';

interface FormRow extends FormView {
  isLatestVersion: boolean;
}

const FORM_SEARCH: SearchSpec<FormRow> = {
  noun: 'form',
  filters: {
    formId: stringFilter((item) => item.formId),
    formKey: stringFilter((item) => item.formKey),
    version: integerFilter((item) => item.version),
    versionTag: stringFilter((item) => item.versionTag),
    tenantId: stringFilter((item) => item.tenantId),
    isLatestVersion: (item, value, field) => {
      if (typeof value !== 'boolean') throw badRequest(`Expected '${field}' to be a boolean, but was ${JSON.stringify(value)}.`);
      return item.isLatestVersion === value;
    },
  },
  sortFields: {
    formKey: (item) => item.formKey.padStart(20, '0'),
    formId: (item) => item.formId,
    version: (item) => item.version,
    tenantId: (item) => item.tenantId,
  },
  key: (item) => item.formKey,
};

/** Every deployed form version from history, the highest version of each form id marked latest. */
function formRows(forms: FormView[]): FormRow[] {
  const latest = new Map<string, number>();
  for (const form of forms) {
    const id = `${form.tenantId}\u0000${form.formId}`;
    latest.set(id, Math.max(latest.get(id) ?? 0, form.version));
  }
  return forms.map((form) => ({ ...form, isLatestVersion: latest.get(`${form.tenantId}\u0000${form.formId}`) === form.version }));
}

/**
 * Deployed forms: Camunda's `GET /forms/{formKey}` (a FormResult, added to Camunda in 8.10), and
 * `POST /onego/forms/search`, a OneGo extension because Camunda has no form search: the Camunda search body
 * (`filter` on `formId`, `formKey`, `version`, `versionTag`, `tenantId`, `isLatestVersion`; `sort`; `page`)
 * answering `{ items: [{ formKey, formId, version, versionTag, tenantId, isLatestVersion }], page }` —
 * no schema, which `GET /forms/{formKey}` gives.
 */
export function formRoutes(context: RestRouteContext): Router {
  const router = Router();

  router.get('/forms/:formKey', async (request, response) => {
    requestAuth(response).require({ action: 'form:read' });
    const key = keyParam(request, 'formKey');
    const form = (await historyFor(context)).definitions.form(key);
    if (!form) throw new HttpProblem(404, 'NOT_FOUND', `Form with key '${key}' not found`);
    response.json(formBody(form));
  });

  router.post('/onego/forms/search', async (request, response) => {
    requestAuth(response).require({ action: 'form:read' });
    objectBody(request);
    const result = search(formRows((await historyFor(context)).definitions.forms()), FORM_SEARCH, request.body);
    response.json({
      items: result.items.map((form) => ({
        formKey: form.formKey,
        formId: form.formId,
        version: form.version,
        versionTag: form.versionTag ?? null,
        tenantId: form.tenantId,
        isLatestVersion: form.isLatestVersion,
      })),
      page: result.page,
    });
  });
  return router;
}
