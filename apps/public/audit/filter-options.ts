/**
 * The choices the audit filters offer: deployed processes (Camunda's process-definition search), the
 * departments (Camunda's group search over OneGo's identity file) and the places (OneGo's `GET /v2/apps/places`),
 * each loaded once per page.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../shared/api';
import { placeOptionsOf, usePlaces } from '../shared/ui/use-places';

/** One choice of a Select. */
export interface Option {
  value: string;
  label: string;
}

/** Deployed processes, newest name per process id. */
export function useProcessOptions(): Option[] {
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    api<{ items: { processDefinitionId: string; name?: string | null }[] }>('POST', '/process-definitions/search', { page: { limit: 200 } }).then(
      (result) => setOptions([...new Map(result.items.map((item) => [item.processDefinitionId, item.name || item.processDefinitionId]))].map(([value, label]) => ({ value, label }))),
      () => setOptions([]),
    );
  }, []);
  return options;
}

/** Groups that carry roles, not tasks (engine/identity/departments.ts). */
const ROLE_GROUPS = new Set(['auditors', 'admins']);

/** Every group of the identity directory (Camunda's group search), departments, their supervisors and roles alike. */
function useGroups(): Option[] {
  const [groups, setGroups] = useState<Option[]>([]);
  useEffect(() => {
    api<{ items: { groupId: string; name: string }[] }>('POST', '/groups/search', { page: { limit: 500 } }).then(
      (result) => setGroups(result.items.map((group) => ({ value: group.groupId, label: group.name }))),
      () => setGroups([]),
    );
  }, []);
  return groups;
}

/** Departments (groups that are not roles, i.e. not `*-supervisors` or the role groups). */
export function useDepartmentOptions(): Option[] {
  const groups = useGroups();
  return useMemo(() => groups.filter((group) => !group.value.endsWith('-supervisors') && !ROLE_GROUPS.has(group.value)), [groups]);
}

/** Every group's name by its id, as the directory names it (a department's supervisors: "…督办"). */
export function useGroupNames(): Map<string, string> {
  const groups = useGroups();
  return useMemo(() => new Map(groups.map((group) => [group.value, group.label])), [groups]);
}

/** Places (jurisdictions) by name, each city followed by its districts (a city's filter covers its districts). */
export function usePlaceOptions(): Option[] {
  return placeOptionsOf(usePlaces());
}
