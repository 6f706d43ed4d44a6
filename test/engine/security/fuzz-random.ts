/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const hostileStrings = ['', ' ', '*'.repeat(80), '?*?*a*', '0', '-1', '9'.repeat(40), 'null', '{"a":', '<x/>', '\u0000', '案件', '=1 + ', "' OR 1=1 --", '$like', '../../etc/passwd', 'a'.repeat(5000)];
  const string = (): string => (next() < 0.5 ? pick(hostileStrings) : Math.random().toString(36).slice(2, 2 + int(12)));
  const number = (): number => pick([0, -1, 1, 2 ** 53, -(2 ** 63), 1e308, 0.5, Number.MAX_SAFE_INTEGER, int(1000)]);
  const json = (depth = 0): unknown => {
    const kind = int(depth > 6 ? 4 : 7);
    if (kind === 0) return string();
    if (kind === 1) return number();
    if (kind === 2) return next() < 0.5;
    if (kind === 3) return null;
    if (kind === 4) return Array.from({ length: int(5) }, () => json(depth + 1));
    const fields = ['processDefinitionId', 'processDefinitionKey', 'variables', 'filter', 'sort', 'page', 'name', 'correlationKey', 'assignee', 'type', 'timeout', 'maxJobsToActivate', '$like', '$in', '$eq', 'state', 'elementId', 'changeset', 'dueDate', 'retries', 'limit', 'from', 'after', 'before'];
    const object: Record<string, unknown> = {};
    for (let i = 0; i < int(6); i++) object[next() < 0.8 ? pick(fields) : string()] = json(depth + 1);
    return object;
  };
  const bytes = (): Buffer => Buffer.from(Array.from({ length: int(200) }, () => int(256)));
  return { next, int, pick, string, number, json, bytes };
}
