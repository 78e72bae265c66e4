import type { PopulationFigures } from '../domain/population';
import { toKg } from '../domain/tonnes';

export interface RankedOrganization {
  organization: { id: string };
  code: string;
  generatedTonnes: string;
  monthsReported: number;
}

/**
 * The province's ranking read per resident: kilograms per resident per reported month, least first
 * (so organizations that reported different numbers of months compare); those without a population
 * figure or without a report come last, unranked by it.
 */
export function rankingPerResident(entries: readonly RankedOrganization[], figures: PopulationFigures | null) {
  const rows = entries.map((e) => {
    const population = figures?.population[e.code] ?? null;
    const perResident =
      population !== null && e.monthsReported > 0 ? toKg(e.generatedTonnes) / population / e.monthsReported : null;
    return { organization: e.organization, population, perResident };
  });
  rows.sort((a, b) => {
    if (a.perResident === null || b.perResident === null)
      return a.perResident === b.perResident ? 0 : a.perResident === null ? 1 : -1;
    return a.perResident - b.perResident;
  });
  return rows.map((r, index) => ({
    rank: index + 1,
    organization: r.organization,
    population: r.population,
    kgPerResidentPerMonth: r.perResident === null ? null : r.perResident.toFixed(3),
  }));
}
