/**
 * The names an incident row shows instead of ids: the process's name (医保关系转移接续, not
 * medical-insurance-transfer) from Camunda's process definition search, and the element's (登记申请, not
 * Task_RegisterApplication) from Camunda's element instance search — one search per incident of the page.
 */
import { useEffect, useState } from 'react';
import { api } from '../shared/api';
import type { SearchResult } from '../shared/ui/use-search-page';

/** What an incident row needs to be named. */
export interface NamedIncident {
  processDefinitionKey: string;
  elementInstanceKey: string;
}

/** Process names by definition key and element names by element instance key (ids stay where a name is missing). */
export interface IncidentNames {
  process: Record<string, string>;
  element: Record<string, string>;
}

/** Names for the incidents on the page; empty until they arrive, and when a lookup fails (the ids still show). */
export function useIncidentNames(incidents: NamedIncident[]): IncidentNames {
  const [names, setNames] = useState<IncidentNames>({ process: {}, element: {} });
  const keys = incidents.map((incident) => `${incident.processDefinitionKey}/${incident.elementInstanceKey}`).join(',');
  useEffect(() => {
    let live = true;
    const processKeys = [...new Set(incidents.map((incident) => incident.processDefinitionKey))];
    const elementKeys = [...new Set(incidents.map((incident) => incident.elementInstanceKey))];
    void Promise.all([
      Promise.all(
        processKeys.map((key) =>
          api<SearchResult<{ processDefinitionKey: string; name?: string | null }>>('POST', '/process-definitions/search', { filter: { processDefinitionKey: key } }).then(
            (result) => [key, result.items[0]?.name ?? ''] as const,
            () => [key, ''] as const,
          ),
        ),
      ),
      Promise.all(
        elementKeys.map((key) =>
          api<SearchResult<{ elementInstanceKey: string; elementName?: string | null }>>('POST', '/element-instances/search', { filter: { elementInstanceKey: key } }).then(
            (result) => [key, result.items[0]?.elementName ?? ''] as const,
            () => [key, ''] as const,
          ),
        ),
      ),
    ]).then(([processes, elements]) => {
      if (!live) return;
      setNames({
        process: Object.fromEntries(processes.filter(([, name]) => name)),
        element: Object.fromEntries(elements.filter(([, name]) => name)),
      });
    });
    return () => {
      live = false;
    };
    // The page's rows, by their keys: a new page or state asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keys]);
  return names;
}
