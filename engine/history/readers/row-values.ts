/** Reading history rows back into Camunda's answer shapes: absent stays absent (JSON omits it). */
export function text(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/** Epoch ms → ISO-8601 UTC, absent when null. */
export function iso(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : new Date(Number(value)).toISOString();
}

/** A key column read as text (the SELECT casts it), absent when null. */
export const key = text;

/** `CAST(column AS TEXT) AS alias` — keys leave SQLite as exact decimal text, never as a JS number. */
export function keyColumn(column: string, alias: string): string {
  return `CAST(${column} AS TEXT) AS ${alias}`;
}
