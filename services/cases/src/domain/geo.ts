/** Great-circle distance in metres (haversine), the same formula the duplicate query uses in SQL. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The radius and window in which open cases of one category count as possible duplicates. */
export const DUPLICATE_RADIUS_METRES = 200;
export const DUPLICATE_WINDOW_DAYS = 30;

/** Degrees of latitude/longitude that certainly contain `metres` around `lat` (a cheap index prefilter). */
export function boundingBox(lat: number, lng: number, metres: number) {
  const dLat = metres / 111_320;
  const dLng = metres / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}
