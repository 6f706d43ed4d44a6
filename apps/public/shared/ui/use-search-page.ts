/**
 * Server-side paging of a Camunda v2 search (`{ filter, sort, page: { from, limit } }` answering
 * `{ items, page: { totalItems } }`): the current page, its total, loading and error, and a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** A v2 search answer. */
export interface SearchResult<T> {
  items: T[];
  page: { totalItems: number };
}

/** One page of a search and how to move. */
export interface SearchPageState<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  error: unknown;
  setPage(page: number, pageSize?: number): void;
  /** Ask again (after an action, or on the auto-refresh tick) without showing a spinner. */
  reload(): Promise<void>;
}

/** Runs `search(from, limit)` for the current page, again whenever `key` (the filter, sort …) changes. */
export function useSearchPage<T>(search: (from: number, limit: number) => Promise<SearchResult<T>>, key: string, initialPageSize = 20): SearchPageState<T> {
  // The page belongs to a key: a new filter starts at the first page in the same render, not one request later.
  const [paging, setPaging] = useState({ key, page: 1 });
  if (paging.key !== key) setPaging({ key, page: 1 });
  const page = paging.key === key ? paging.page : 1;
  const setPageNumber = (next: number) => setPaging({ key, page: next });
  const [pageSize, setPageSize] = useState(initialPageSize);
  const [result, setResult] = useState<SearchResult<T>>({ items: [], page: { totalItems: 0 } });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const searchRef = useRef(search);
  searchRef.current = search;
  const latest = useRef(0);

  const load = useCallback(
    async (quiet: boolean) => {
      const ticket = ++latest.current;
      if (!quiet) setLoading(true);
      try {
        const answer = await searchRef.current((page - 1) * pageSize, pageSize);
        if (ticket !== latest.current) return;
        setResult(answer);
        setError(undefined);
      } catch (failure) {
        if (ticket === latest.current) setError(failure);
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    },
    // `key` stands for what `search` closes over.
    [page, pageSize, key],
  );

  useEffect(() => void load(false), [load]);

  return {
    items: result.items,
    total: result.page.totalItems,
    page,
    pageSize,
    loading,
    error,
    setPage(next, size) {
      setPageNumber(next);
      if (size && size !== pageSize) setPageSize(size);
    },
    reload: () => load(true),
  };
}
