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

/**
 * `list` with `key` added at the end, unless it is there already; store the list returned. A small list is
 * replaced by a new array of exactly its size (`concat`): an array grown by `push`, spread or `filter`
 * reserves room for more entries, ~130 bytes each time.
 */
export function addToKeyList<T>(list: KeyList<T> | undefined, key: T): KeyList<T> {
  if (list === undefined) return [key];
  if (list instanceof Set) return list.add(key);
  if (list.includes(key)) return list;
  return list.length + 1 < LARGE ? list.concat([key]) : new Set([...list, key]);
}

/** `list` without `key`; store the list returned (a small list is replaced, a Set changed in place). */
export function removeFromKeyList<T>(list: KeyList<T>, key: T): KeyList<T> {
  if (list instanceof Set) {
    list.delete(key);
    return list;
  }
  const at = list.indexOf(key);
  return at < 0 ? list : list.slice(0, at).concat(list.slice(at + 1));
}

/** How many entries `list` holds. */
export function keyListSize(list: KeyList<unknown>): number {
  return list instanceof Set ? list.size : list.length;
}
