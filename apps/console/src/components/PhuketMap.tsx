import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import coastline from '../map/phuket-coastline.geo.json';
import { DISTRICTS } from '../map/districts';

const WIDTH = 320;
const HEIGHT = 460;
const land = coastline as unknown as FeatureCollection<MultiPolygon>;

export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  label: string;
}

/**
 * Phuket drawn from the shipped GeoJSON with d3-geo: no tiles, nothing from the internet. Shows
 * `points`; with `onPick`, a click picks a place (the report form).
 */
export function PhuketMap({
  points,
  picked,
  onPick,
  label,
}: {
  points: MapPoint[];
  picked?: { lat: number; lng: number } | null;
  onPick?: (point: { lat: number; lng: number }) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const projection = useMemo(() => geoMercator().fitSize([WIDTH, HEIGHT], land), []);
  const path = useMemo(() => geoPath(projection), [projection]);
  const project = (lat: number, lng: number) => projection([lng, lat]) ?? [0, 0];
  const click = (event: React.MouseEvent<SVGSVGElement>) => {
    if (!onPick) return;
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    const y = ((event.clientY - box.top) / box.height) * HEIGHT;
    const inverted = projection.invert?.([x, y]);
    if (inverted) onPick({ lng: Math.round(inverted[0] * 1e5) / 1e5, lat: Math.round(inverted[1] * 1e5) / 1e5 });
  };
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="map"
      role="img"
      aria-label={label}
      onClick={click}
      data-testid="map"
      style={{ cursor: onPick ? 'crosshair' : 'default' }}
    >
      {land.features.map((feature, index) => (
        <path key={index} d={path(feature) ?? ''} className="land" />
      ))}
      {DISTRICTS.map((district) => {
        const [x, y] = project(district.lat, district.lng);
        return (
          <text key={district.code} x={x} y={y} className="district" textAnchor="middle">
            {t(`district.${district.code}`)}
          </text>
        );
      })}
      {points.map((point) => {
        const [x, y] = project(point.lat, point.lng);
        return (
          <circle key={point.id} cx={x} cy={y} r={4} className="case-dot">
            <title>{point.label}</title>
          </circle>
        );
      })}
      {picked &&
        (() => {
          const [x, y] = project(picked.lat, picked.lng);
          return <circle cx={x} cy={y} r={7} className="picked" data-testid="picked" />;
        })()}
    </svg>
  );
}
