/** The outcome of reading a timer definition: a value or a failure message naming the bad input. */
export type TimeResult<T> = { ok: true; value: T } | { ok: false; failure: string };

/** Renders a timer definition value for a failure message. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
}
