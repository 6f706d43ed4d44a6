/**
 * Readers for record values: the engine writes Zeebe's field names, and a value may be missing while a
 * record kind is young, so every read is defensive and typed here once.
 */
export function str(value: Record<string, unknown>, field: string): string | undefined {
  const found = value[field];
  if (typeof found === 'string') return found;
  if (typeof found === 'number' || typeof found === 'bigint') return String(found);
  return undefined;
}

export function num(value: Record<string, unknown>, field: string): number | undefined {
  const found = value[field];
  if (typeof found === 'number') return found;
  if (typeof found === 'string' && found.trim() !== '' && Number.isFinite(Number(found))) return Number(found);
  return undefined;
}

export function list(value: Record<string, unknown>, ...fields: string[]): string[] {
  for (const field of fields) {
    const found = value[field];
    if (Array.isArray(found)) return found.filter((item): item is string => typeof item === 'string');
  }
  return [];
}

export function stringMap(value: Record<string, unknown>, field: string): Record<string, string> {
  const found = value[field];
  if (typeof found !== 'object' || found === null || Array.isArray(found)) return {};
  const result: Record<string, string> = {};
  for (const [name, item] of Object.entries(found)) result[name] = typeof item === 'string' ? item : JSON.stringify(item);
  return result;
}

/** Engine-clock epoch ms → ISO-8601 UTC, the form Camunda's REST API answers dates in. */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** A date as the model gave it (maybe with an offset) → ISO-8601 UTC; undefined for blanks and nonsense. */
export function normalizedDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : isoDate(ms);
}

/** A deployed resource's text: the engine may store it raw or base64-encoded (as Zeebe's exporters do). */
export function resourceText(resource: unknown): string {
  if (typeof resource !== 'string') return '';
  const trimmed = resource.trimStart();
  if (trimmed.startsWith('<') || trimmed.startsWith('{')) return resource;
  return Buffer.from(resource, 'base64').toString('utf8');
}

/** A key for an INTEGER key column: "-1", "0" and blanks (Zeebe's "none") become null. */
export function keyOrNull(value: unknown): string | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  return text === '' || text === '-1' || text === '0' ? null : text;
}

/**
 * A key as the writers bind it to an INTEGER key column: a decimal key that a JS number holds exactly becomes
 * that number, anything else (a blank, a non-numeric or too long text, null) is bound as it came. SQLite stores
 * an INTEGER column's decimal text as the same integer, so the stored row is the same either way; the number
 * spares SQLite the text-to-integer conversion of every bound key (callgrind: ~9 % of its instructions per
 * case). Only for INTEGER-affinity columns: a TEXT column would store a number's own text.
 */
export function sqlKey<T extends string | null | undefined>(key: T): T | number {
  if (typeof key !== 'string') return key;
  const length = key.length;
  if (length === 0 || length > 16) return key;
  // Checked and read in one pass (cheaper than Number(key) on a 16-digit text): every step is exact below 2^53,
  // and a value above it rounds to at least 2^53, which the check below turns away.
  let number = 0;
  for (let index = 0; index < length; index++) {
    const digit = key.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return key;
    number = number * 10 + digit;
  }
  return number <= Number.MAX_SAFE_INTEGER ? number : key;
}
