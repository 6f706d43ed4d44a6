/**
 * A small ordered set of keys (or subscription entries), as live state keeps one per element instance: an
 * array while it is small, a Set once it is large. Almost every such set holds one or two entries (a process
 * instance's one child, a user task's one timer), and an empty Set already costs about 260 bytes of heap
 * against about 40 for a one-entry array — with 50,000 waiting cases that was a fifth of live state.
 * Both forms iterate in insertion order, so which form a list has never changes what processing does.
 */
export type KeyList<T> = T[] | Set<T>;

/** From this many entries on, a list is a Set: removing from a long array would cost a scan per removal. */
const LARGE = 16;

/** Add `key` to `list` (a new list when absent) unless it is there already; returns the list to store. */
export function addToKeyList<T>(list: KeyList<T> | undefined, key: T): KeyList<T> {
  if (list === undefined) return [key];
  if (list instanceof Set) return list.add(key);
  if (list.includes(key)) return list;
  if (list.length + 1 < LARGE) {
    list.push(key);
    return list;
  }
  return new Set([...list, key]);
}

/** Remove `key` from `list` in place; returns the number of entries left. */
export function removeFromKeyList<T>(list: KeyList<T>, key: T): number {
  if (list instanceof Set) {
    list.delete(key);
    return list.size;
  }
  const at = list.indexOf(key);
  if (at >= 0) list.splice(at, 1);
  return list.length;
}
