/** The apps route on the URL hash (`#/task/123`), so one HTML page per app serves every view. */
import { useEffect, useState } from 'react';

/** The current hash path without `#`, e.g. `/task/123`; `/` when empty. Re-renders on every change. */
export function useHashPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path;
}

function currentPath(): string {
  return window.location.hash.replace(/^#/, '') || '/';
}

/** Go to a hash path. */
export function navigate(path: string): void {
  window.location.hash = path;
}
