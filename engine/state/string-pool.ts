/**
 * One copy of each distinct string while a snapshot is decoded. V8's deserializer makes a new string for every
 * occurrence, so a restored state held ~50 copies of `<default>` and `ELEMENT_ACTIVATED` per case and one copy
 * of a process instance's key in each record that names it, where live processing shares one: state restored
 * from a snapshot took ~45 % more heap than the same state built by processing. Pooling makes them one again.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  /** The pooled copy of `text`; keys (16 or more digits) are left alone: nearly all distinct, they would only make the pool slow. */
  string(text: string): string {
    if (text.length >= 16 && isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(text.length - 1))) return text;
    const pooled = this.strings.get(text);
    if (pooled !== undefined) return pooled;
    this.strings.set(text, text);
    return text;
  }

  /**
   * `value` with every string in it pooled: arrays and plain objects are changed in place, Maps and Sets are
   * rebuilt in their order (their keys are strings too). Byte arrays and other values are returned as they are.
   */
  pool<T>(value: T): T {
    if (typeof value === 'string') return this.string(value) as T;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.pool(value[i]);
      return value;
    }
    if (value instanceof Map) {
      const rebuilt = new Map();
      for (const [key, entry] of value) rebuilt.set(this.pool(key), this.pool(entry));
      return rebuilt as T;
    }
    if (value instanceof Set) {
      const rebuilt = new Set();
      for (const entry of value) rebuilt.add(this.pool(entry));
      return rebuilt as T;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const field = record[key];
      if (typeof field === 'string') record[key] = this.string(field);
      else if (field !== null && typeof field === 'object') record[key] = this.pool(field);
    }
    return value;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
