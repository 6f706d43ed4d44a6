/**
 * The places (jurisdictions: city → district) the apps name and filter by. A department of a place is the group
 * `<department>-<code>` (GB/T 2260 code, `engine/identity/demo-jurisdictions.ts`); the directory of places is the
 * demo's two cities and their districts, limited to the places the identity file has groups for — so a directory
 * without jurisdiction groups offers no place filter, and a place shows as 历下区 rather than a code.
 */
import type { IdentityDirectory } from '../../engine/identity';
import { DEMO_JURISDICTIONS } from '../../engine/identity/demo-jurisdictions';

/** A place as the apps show it. */
export interface Place {
  /** Its GB/T 2260 code, e.g. `370102`. */
  code: string;
  /** Its own name: 济南市, or a district's without its city: 历下区. */
  name: string;
  /** Its full name: 济南市历下区. */
  fullName: string;
  /** The city's code (the place's own for a city). */
  cityCode: string;
  /**
   * The place codes a filter for this place covers ({@link placeCodesUnder}: a city's own and its districts'), so
   * the task list filters by a case's `jurisdiction` with the same rule as the audit search's place filter.
   */
  covers: string[];
}

/** A place's code at the end of a group id (`approval-service-370102` → `370102`). */
export const PLACE_SUFFIX = /-(\d{6})$/;

/** The places the directory has departments in, cities first, each followed by its districts. */
export function placesOf(directory: Pick<IdentityDirectory, 'allGroups'> | undefined): Place[] {
  const used = new Set((directory?.allGroups() ?? []).map((group) => PLACE_SUFFIX.exec(group.id)?.[1]).filter((code): code is string => Boolean(code)));
  const cityName = (code: string) => DEMO_JURISDICTIONS.find((place) => place.code === code)?.name ?? '';
  return DEMO_JURISDICTIONS.filter((place) => used.has(place.code))
    .map((place) => ({
      code: place.code,
      name: place.city === place.code ? place.name : place.name.slice(cityName(place.city).length) || place.name,
      fullName: place.name,
      cityCode: place.city,
      covers: placeCodesUnder(place.code),
    }))
    .sort((a, b) => a.cityCode.localeCompare(b.cityCode) || (a.code === a.cityCode ? -1 : b.code === b.cityCode ? 1 : a.code.localeCompare(b.code)));
}

/** The place codes a filter for `code` covers: a city's own and its districts' (a district: its own). */
export function placeCodesUnder(code: string): string[] {
  const place = DEMO_JURISDICTIONS.find((one) => one.code === code);
  if (!place) return [code];
  return place.city === place.code ? DEMO_JURISDICTIONS.filter((one) => one.city === code).map((one) => one.code) : [code];
}

/** The full names of the places among `groupIds` (department groups `<department>-<code>`), in the directory's order. */
export function placeNamesOf(groupIds: Iterable<string>): string[] {
  const codes = new Set([...groupIds].map((id) => PLACE_SUFFIX.exec(id.replace(/-supervisors$/, ''))?.[1]).filter(Boolean));
  return DEMO_JURISDICTIONS.filter((place) => codes.has(place.code)).map((place) => place.name);
}
