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
  /** The place codes its filter covers: a city's own and its districts' (absent on older servers: the code alone). */
  covers?: string[];
}

/** One choice of a place filter. */
export interface PlaceOption {
  value: string;
  label: string;
}

/** The place filters' choices: each city by name, followed by its districts as 济南市 · 历下区 (a city covers its districts). */
export function placeOptionsOf(places: Place[]): PlaceOption[] {
  return places.map((place) => ({ value: place.code, label: place.code === place.cityCode ? place.name : `${place.fullName.slice(0, -place.name.length)} · ${place.name}` }));
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

/**
 * What every list calls a case's own place (its `jurisdiction`): 案件地区. The audit search's 办理地区 is something
 * else — the places of the departments that handled the case, which differ where a window handles another
 * place's case (全域通办).
 */
export const CASE_PLACE_LABEL: [zh: string, en: string] = ['案件地区', 'Case place'];

/** A place code by its full name (济南市历下区); the code itself for a place the directory does not know; undefined for none. */
export function placeName(places: Place[], code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  return places.find((one) => one.code === code)?.fullName ?? code;
}
