/**
 * The places (jurisdictions) the directory has departments in, from OneGo's `GET /v2/apps/places` (Camunda has no
 * such list): the place filters of the task list and the audit case search, and names instead of codes.
 */
import { useEffect, useState } from 'react';
import { api } from '../api';

/** A place as the server names it. */
export interface Place {
  /** GB/T 2260 code, e.g. 370102. */
  code: string;
  /** 济南市, or a district's own name: 历下区. */
  name: string;
  /** 济南市历下区. */
  fullName: string;
  cityCode: string;
}

/** A department group's place code (`approval-service-370102` → `370102`), or undefined. */
export function placeCodeOf(groupId: string): string | undefined {
  return /-(\d{6})$/.exec(groupId)?.[1];
}

/** The places, loaded once per page (none until they arrive, or when the call fails). */
export function usePlaces(): Place[] {
  const [places, setPlaces] = useState<Place[]>([]);
  useEffect(() => {
    api<{ items: Place[] }>('GET', '/apps/places').then(
      (result) => setPlaces(result.items),
      () => setPlaces([]),
    );
  }, []);
  return places;
}
