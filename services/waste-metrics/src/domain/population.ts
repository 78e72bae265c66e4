import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Residents per organization, to read the waste ranking per resident. Configuration, not code: a JSON
 * file (`WASTE_POPULATION_FILE`) naming its source and date, keyed by organization code, e.g.
 * `{ "source": "DOPA registered population, stat.bora.dopa.go.th", "asOf": "2024-12-31", "population": { "PATONG": 23000 } }`.
 * Without it the ranking per resident has no figures (and says so: no source).
 */
export const populationFigures = z
  .object({
    source: z.string().trim().min(1).max(500),
    asOf: z.iso.date(),
    population: z.record(z.string().min(1).max(32), z.number().int().positive()),
  })
  .strict();

export type PopulationFigures = z.infer<typeof populationFigures>;

/** Reads and checks the file; a wrong file stops the service at start with the reason. */
export function loadPopulationFigures(file: string): PopulationFigures {
  const parsed = populationFigures.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
