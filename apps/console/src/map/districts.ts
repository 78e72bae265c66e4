/**
 * Phuket's three districts (amphoe). No package of the registries this project may use ships their
 * boundaries, so the map draws the island's real coastline (OpenStreetMap via @geo-maps, ODbL; see
 * map/LICENSE.md) and names each district at its seat; cases are placed by their own coordinates.
 */
export const DISTRICTS = [
  { code: 'THALANG', lat: 8.04, lng: 98.33 },
  { code: 'KATHU', lat: 7.91, lng: 98.33 },
  { code: 'MUEANG_PHUKET', lat: 7.86, lng: 98.37 },
] as const;
