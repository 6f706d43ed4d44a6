import { Router, type Request, type Response } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem } from '../problem';
import type { DecisionDefinitionView } from '../../../history/readers/definitions';
import { DECISION_DEFINITION_SEARCH, decisionRequirementsKeys, type DecisionDefinitionRow } from '../history-readers/decision-definition-search';
import { getFromHistory, readHistory, searchHistory } from '../history-readers/history-reads';
import { keyParam, objectBody } from '../request-fields';
import { integerFilter, search, stringFilter, type SearchSpec } from '../search';

/** A decision requirements graph (one DMN resource version), as Camunda 8.8's DecisionRequirementsResult. */
interface DecisionRequirementsRow {
  decisionRequirementsKey: string;
  decisionRequirementsId: string;
  decisionRequirementsName: string;
  version: number;
  resourceName: string;
  tenantId: string;
}

const DECISION_REQUIREMENTS_SEARCH: SearchSpec<DecisionRequirementsRow> = {
  noun: 'decision requirements',
  filters: {
    decisionRequirementsName: stringFilter((item) => item.decisionRequirementsName),
    version: integerFilter((item) => item.version),
    decisionRequirementsId: stringFilter((item) => item.decisionRequirementsId),
    tenantId: stringFilter((item) => item.tenantId),
    decisionRequirementsKey: stringFilter((item) => item.decisionRequirementsKey),
    resourceName: stringFilter((item) => item.resourceName),
  },
  sortFields: {
    decisionRequirementsKey: (item) => item.decisionRequirementsKey.padStart(20, '0'),
    decisionRequirementsName: (item) => item.decisionRequirementsName,
    version: (item) => item.version,
    decisionRequirementsId: (item) => item.decisionRequirementsId,
    tenantId: (item) => item.tenantId,
  },
  key: (item) => item.decisionRequirementsKey,
};

function publicDecision(decision: DecisionDefinitionView): Record<string, unknown> {
  return {
    decisionDefinitionId: decision.decisionDefinitionId,
    name: decision.name,
    version: decision.version,
    decisionRequirementsId: decision.decisionRequirementsId,
    tenantId: decision.tenantId,
    decisionDefinitionKey: decision.decisionDefinitionKey,
    decisionRequirementsKey: decision.decisionRequirementsKey,
  };
}

/**
 * Decision definitions and decision requirements (Camunda 8.8): `POST /decision-definitions/search`,
 * `GET /decision-definitions/{key}` and `/xml`, `POST /decision-requirements/search`,
 * `GET /decision-requirements/{key}` and `/xml`. Decisions come from the history store (its definition table);
 * a graph's name, resource and DMN XML from the engine's deployed resources, which history does not keep.
 * Both XML endpoints answer the whole DMN resource, as Camunda does. The decision search also takes
 * `filter.isLatestVersion` (Camunda 8.9).
 */
export function decisionDefinitionRoutes(context: RestRouteContext): Router {
  const router = Router();

  /** The graphs the deployed decisions belong to (few: one per DMN resource version, whose XML the engine keeps). */
  async function graphs(): Promise<DecisionRequirementsRow[]> {
    const rows = new Map<string, DecisionRequirementsRow>();
    for (const decisionRequirementsKey of await readHistory(context, decisionRequirementsKeys)) {
      const graph = context.engine.getDecisionRequirements(decisionRequirementsKey);
      if (!graph) continue;
      rows.set(decisionRequirementsKey, {
        decisionRequirementsKey: graph.decisionRequirementsKey,
        decisionRequirementsId: graph.dmnDecisionRequirementsId,
        decisionRequirementsName: graph.dmnDecisionRequirementsName,
        version: graph.version,
        resourceName: graph.resourceName,
        tenantId: graph.tenantId,
      });
    }
    return [...rows.values()];
  }

  async function decision(request: Request): Promise<DecisionDefinitionRow> {
    const key = keyParam(request, 'decisionDefinitionKey');
    const found = await getFromHistory(context, DECISION_DEFINITION_SEARCH, key);
    if (!found) throw new HttpProblem(404, 'NOT_FOUND', `Decision definition with key '${key}' not found`);
    return found;
  }

  async function graph(request: Request): Promise<DecisionRequirementsRow> {
    const key = keyParam(request, 'decisionRequirementsKey');
    const found = (await graphs()).find((candidate) => candidate.decisionRequirementsKey === key);
    if (!found) throw new HttpProblem(404, 'NOT_FOUND', `Decision requirements with key '${key}' not found`);
    return found;
  }

  function sendXml(response: Response, decisionRequirementsKey: string): void {
    const xml = context.engine.getDecisionRequirements(decisionRequirementsKey)?.dmnXml;
    if (xml === undefined) throw new HttpProblem(404, 'NOT_FOUND', `Decision requirements with key '${decisionRequirementsKey}' not found`);
    response.type('text/xml; charset=utf-8').send(xml);
  }

  router.post('/decision-definitions/search', async (request, response) => {
    requestAuth(response).require({ action: 'decision-definition:read' });
    objectBody(request);
    const result = await searchHistory(context, DECISION_DEFINITION_SEARCH, request.body);
    response.json({ items: result.items.map(publicDecision), page: result.page });
  });

  router.get('/decision-definitions/:decisionDefinitionKey', async (request, response) => {
    requestAuth(response).require({ action: 'decision-definition:read' });
    response.json(publicDecision(await decision(request)));
  });

  router.get('/decision-definitions/:decisionDefinitionKey/xml', async (request, response) => {
    requestAuth(response).require({ action: 'decision-definition:read' });
    sendXml(response, (await decision(request)).decisionRequirementsKey);
  });

  router.post('/decision-requirements/search', async (request, response) => {
    requestAuth(response).require({ action: 'decision-definition:read' });
    objectBody(request);
    const result = search(await graphs(), DECISION_REQUIREMENTS_SEARCH, request.body);
    response.json({ items: result.items, page: result.page });
  });

  router.get('/decision-requirements/:decisionRequirementsKey', async (request, response) => {
    requestAuth(response).require({ action: 'decision-definition:read' });
    response.json(await graph(request));
  });

  router.get('/decision-requirements/:decisionRequirementsKey/xml', async (request, response) => {
    requestAuth(response).require({ action: 'decision-definition:read' });
    sendXml(response, (await graph(request)).decisionRequirementsKey);
  });
  return router;
}
