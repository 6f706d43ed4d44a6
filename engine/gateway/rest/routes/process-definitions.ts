import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import type { History } from '../../../history';
import type { FormView, ProcessDefinitionView } from '../../../history/readers/definitions';
import { historyFor } from '../history-access';
import { integerFilter, search, stringFilter, type SearchSpec } from '../search';
import { keyParam, objectBody } from '../request-fields';
import type { RestServices } from '../services';

/** The form a process's none start event links (`zeebe:formDefinition` inside it), with its binding. */
export interface StartFormLink {
  formId: string;
  /** `latest` (the default), `deployment` or `versionTag` (Camunda 8.6+). */
  bindingType: string;
  versionTag?: string;
}

/** The form link of a process's none start event, if any. */
export function startFormOf(xml: string, processId: string): StartFormLink | undefined {
  const processStart = xml.search(new RegExp(`<(?:\\w+:)?process\\b[^>]*\\bid="${processId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  if (processStart < 0) return undefined;
  const processEnd = xml.indexOf('process>', processStart + 1);
  const body = xml.slice(processStart, processEnd < 0 ? undefined : processEnd);
  for (const match of body.matchAll(/<(?:\w+:)?startEvent\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?startEvent>)/g)) {
    const inner = match[1] ?? '';
    if (/<(?:\w+:)?(?:message|timer|signal)EventDefinition\b/.test(inner)) continue;
    const tag = /<zeebe:formDefinition\b[^>]*>/.exec(inner)?.[0];
    const attribute = (name: string) => (tag ? new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] : undefined);
    const formId = attribute('formId');
    if (formId) return { formId, bindingType: attribute('bindingType') ?? 'latest', versionTag: attribute('versionTag') };
  }
  return undefined;
}

/**
 * The form version a start form link selects for a process definition, as a user task's form is selected:
 * the latest version, the one created by the process's own deployment, or the latest with the version tag.
 */
export function linkedStartForm(history: History, link: StartFormLink, definition: ProcessDefinitionView): FormView | undefined {
  let chosen: FormView | undefined;
  for (const form of history.definitions.forms(link.formId)) {
    if (form.formId !== link.formId || form.tenantId !== definition.tenantId) continue;
    if (link.bindingType === 'deployment' && form.deploymentKey !== definition.deploymentKey) continue;
    if (link.bindingType === 'versionTag' && form.versionTag !== link.versionTag) continue;
    if (!chosen || form.version > chosen.version) chosen = form;
  }
  return chosen;
}

/** A form as Camunda 8.8's FormResult (the schema parsed back into JSON). */
export function formBody(form: FormView): Record<string, unknown> {
  let schema: unknown;
  try {
    schema = JSON.parse(form.schema);
  } catch {
    schema = form.schema;
  }
  return { tenantId: form.tenantId, formId: form.formId, schema, version: form.version, formKey: form.formKey };
}

interface DefinitionRow extends ProcessDefinitionView {
  isLatestVersion: boolean;
  hasStartForm: boolean;
}

function booleanFilter(read: (item: DefinitionRow) => boolean) {
  return (item: DefinitionRow, value: unknown, field: string) => {
    if (typeof value !== 'boolean') throw badRequest(`Expected '${field}' to be a boolean, but was ${JSON.stringify(value)}.`);
    return read(item) === value;
  };
}

const PROCESS_DEFINITION_SEARCH: SearchSpec<DefinitionRow> = {
  noun: 'process definition',
  filters: {
    name: stringFilter((item) => item.name),
    isLatestVersion: booleanFilter((item) => item.isLatestVersion),
    resourceName: stringFilter((item) => item.resourceName),
    version: integerFilter((item) => item.version),
    versionTag: stringFilter((item) => item.versionTag),
    processDefinitionId: stringFilter((item) => item.processDefinitionId),
    tenantId: stringFilter((item) => item.tenantId),
    processDefinitionKey: stringFilter((item) => item.processDefinitionKey),
    hasStartForm: booleanFilter((item) => item.hasStartForm),
  },
  sortFields: {
    processDefinitionKey: (item) => item.processDefinitionKey.padStart(20, '0'),
    name: (item) => item.name,
    resourceName: (item) => item.resourceName,
    version: (item) => item.version,
    versionTag: (item) => item.versionTag,
    processDefinitionId: (item) => item.processDefinitionId,
    tenantId: (item) => item.tenantId,
  },
  key: (item) => item.processDefinitionKey,
};

function publicDefinition(row: DefinitionRow): Record<string, unknown> {
  return {
    name: row.name,
    resourceName: row.resourceName,
    version: row.version,
    versionTag: row.versionTag,
    processDefinitionId: row.processDefinitionId,
    tenantId: row.tenantId,
    processDefinitionKey: row.processDefinitionKey,
    hasStartForm: row.hasStartForm,
  };
}

/** Process definitions: search, get, XML, start form. */
export function processDefinitionRoutes(_services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();

    /** Every deployed version (few: versions of a few dozen models), marked latest and with-start-form. */
    function rows(history: History): DefinitionRow[] {
      const definitions = history.definitions.processes();
      const latest = new Map<string, ProcessDefinitionView>();
      for (const definition of definitions) {
        if (definition.deleted) continue;
        const id = `${definition.tenantId}\u0000${definition.processDefinitionId}`;
        const current = latest.get(id);
        if (!current || definition.version > current.version) latest.set(id, definition);
      }
      return definitions.map((definition) => ({
        ...definition,
        isLatestVersion: latest.get(`${definition.tenantId}\u0000${definition.processDefinitionId}`) === definition,
        hasStartForm: startFormOf(history.definitions.processXml(definition.processDefinitionKey) ?? '', definition.processDefinitionId) !== undefined,
      }));
    }

    async function row(request: Parameters<typeof keyParam>[0]): Promise<{ history: History; definition: DefinitionRow }> {
      const key = keyParam(request, 'processDefinitionKey');
      const history = await historyFor(context);
      const definition = rows(history).find((candidate) => candidate.processDefinitionKey === key);
      if (!definition) throw new HttpProblem(404, 'NOT_FOUND', `Process definition with key '${key}' not found`);
      return { history, definition };
    }

    router.post('/process-definitions/search', async (request, response) => {
      requestAuth(response).require({ action: 'process-definition:read' });
      objectBody(request);
      const result = search(rows(await historyFor(context)), PROCESS_DEFINITION_SEARCH, request.body);
      response.json({ items: result.items.map(publicDefinition), page: result.page });
    });

    router.get('/process-definitions/:processDefinitionKey', async (request, response) => {
      requestAuth(response).require({ action: 'process-definition:read' });
      response.json(publicDefinition((await row(request)).definition));
    });

    router.get('/process-definitions/:processDefinitionKey/xml', async (request, response) => {
      requestAuth(response).require({ action: 'process-definition:read' });
      const { history, definition } = await row(request);
      response.type('text/xml; charset=utf-8').send(history.definitions.processXml(definition.processDefinitionKey) ?? '');
    });

    router.get('/process-definitions/:processDefinitionKey/form', async (request, response) => {
      requestAuth(response).require({ action: 'form:read' });
      const { history, definition } = await row(request);
      const link = startFormOf(history.definitions.processXml(definition.processDefinitionKey) ?? '', definition.processDefinitionId);
      if (!link) {
        response.status(204).end();
        return;
      }
      const form = linkedStartForm(history, link, definition);
      if (!form) throw new HttpProblem(404, 'NOT_FOUND', `Form with id '${link.formId}' for process definition '${definition.processDefinitionKey}' not found`);
      response.json(formBody(form));
    });
    return router;
  };
}
