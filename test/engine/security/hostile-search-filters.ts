import type { randomSource } from './fuzz-random';

type Random = ReturnType<typeof randomSource>;

/** REST search routes the fuzz sends hostile filters to (history-backed and in-memory ones). */
export const SEARCH_ROUTES = [
  '/process-instances/search',
  '/user-tasks/search',
  '/variables/search',
  '/incidents/search',
  '/element-instances/search',
  '/process-definitions/search',
  '/decision-definitions/search',
  '/audit-logs/search',
] as const;

/** Fields most search filters know, and a few they do not. */
const FIELDS = ['processDefinitionId', 'processInstanceKey', 'name', 'state', 'elementId', 'assignee', 'tenantId', 'value', 'errorType', 'noSuchField', '__proto__', 'constructor'];

function nestedOr(depth: number): unknown {
  let filter: unknown = { processDefinitionId: 'fuzz-content' };
  for (let level = 0; level < depth; level++) filter = { $or: [filter, { state: 'ACTIVE' }] };
  return filter;
}

/**
 * A search request body a hostile caller might send: backtracking or huge `$like` patterns, huge `$in` lists,
 * many variable filters, deep `$or`s (under the body depth limit), wrong types, odd sorts and pages.
 */
export function hostileSearchBody(random: Random): unknown {
  const field = random.pick(FIELDS);
  switch (random.int(11)) {
    case 0:
      return { filter: { [field]: { $like: `${'*a'.repeat(random.pick([10, 80, 2000]))}*b` } } };
    case 1:
      return { filter: { [field]: { $like: random.pick(['*'.repeat(10_000), '?*'.repeat(5_000), 'a'.repeat(100_000), '\\'.repeat(999), '[a-z]*(x|y)+$']) } } };
    case 2:
      return { filter: { [field]: { $in: Array.from({ length: random.pick([1_000, 50_000]), }, (_, index) => (random.next() < 0.5 ? String(index) : index)) } } };
    case 3:
      return { filter: { variables: Array.from({ length: random.pick([10, 1_000]) }, (_, index) => ({ name: `v${index}`, value: { $like: '*x*y*z*' } })) } };
    case 4:
      return { filter: nestedOr(random.pick([5, 50, 100])) };
    case 5:
      return { filter: { $or: Array.from({ length: random.pick([100, 5_000]) }, (_, index) => ({ [field]: String(index) })) } };
    case 6:
      return { filter: { processInstanceKey: random.pick([{ $gt: 'abc' }, { $in: 'not a list' }, { $exists: 'yes' }, -1, 1e308, '9'.repeat(40), ['1', '2'], { $neq: null }]) } };
    case 7:
      return { sort: Array.from({ length: random.pick([1, 100]) }, () => ({ field: random.pick(FIELDS), order: random.pick(['ASC', 'desc', 'sideways', 1]) })) };
    case 8:
      return { page: random.pick([{ limit: -1 }, { limit: 1e9 }, { from: 1e15 }, { after: random.string() }, { before: 'Zm9v' }, { limit: 'ten' }, { after: 'x', before: 'y' }]) };
    case 9:
      return random.pick([[], 'a string', 42, null, { filter: [] }, { filter: 'x' }]);
    default:
      return { filter: random.json(), sort: random.json(), page: random.json() };
  }
}
