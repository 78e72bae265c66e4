import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CASE_CATEGORIES, DISTRICTS, type CaseCategory, type CaseKind, type District } from './vocabulary';

/**
 * Who is responsible where, as data (`data/phuket-areas.json`, `data/external-bodies.json`, sources
 * in `data/README.md`): Phuket's 17 tambons by their DOPA code, the organizations whose area each
 * is (whole or part of the tambon), which categories belong to the local organization of the area,
 * to the PAO or to a body outside the network, and those outside bodies. Read once, checked here.
 */
const DATA = join(__dirname, '..', '..', 'data');
const read = (file: string): unknown => JSON.parse(readFileSync(join(DATA, file), 'utf8'));

const subdistrict = z.object({
  code: z.string().regex(/^83(0[1-3])\d{2}$/, 'a Phuket tambon code (8301xx–8303xx)'),
  nameTh: z.string().min(1),
  nameEn: z.string().min(1),
  district: z.enum(DISTRICTS),
  organizations: z.array(z.object({ code: z.string().min(1), covers: z.enum(['WHOLE', 'PART']) })).min(1),
});
const externalBody = z.object({
  code: z.string().regex(/^[A-Z0-9-]{2,32}$/),
  nameTh: z.string().min(1),
  nameEn: z.string().min(1),
  handles: z.array(z.enum(CASE_CATEGORIES)),
});
const names = { nameEn: z.string().min(1), nameTh: z.string().min(1) };
const categoryOwner = z.discriminatedUnion('owner', [
  z.object({ owner: z.literal('AREA'), ...names }),
  z.object({ owner: z.literal('PAO'), ...names }),
  z.object({ owner: z.literal('EXTERNAL_BODY'), externalBody: z.string(), ...names }),
]);
const areas = z.object({
  subdistricts: z.array(subdistrict).length(17, "Phuket's 17 tambons"),
  // A record over an enum is exhaustive: every category must be in the file.
  categories: z.record(z.enum(CASE_CATEGORIES), categoryOwner),
});

export type SubdistrictData = z.infer<typeof subdistrict>;
export type AreaOrganization = SubdistrictData['organizations'][number];
export type ExternalBodyData = z.infer<typeof externalBody>;

const data = areas.parse(read('phuket-areas.json'));
export const SUBDISTRICTS: readonly SubdistrictData[] = data.subdistricts;
export const EXTERNAL_BODIES: readonly ExternalBodyData[] = z.array(externalBody).parse(read('external-bodies.json'));
export const SUBDISTRICT_CODES = SUBDISTRICTS.map((s) => s.code) as [string, ...string[]];
export const EXTERNAL_BODY_CODES = EXTERNAL_BODIES.map((b) => b.code) as [string, ...string[]];
const CATEGORY_OWNERS = data.categories;

/** Every category with its names and whose it is (AREA, PAO or EXTERNAL_BODY), in the vocabulary's order. */
export const CATEGORIES = CASE_CATEGORIES.map((category) => ({ category, ...CATEGORY_OWNERS[category] }));
export type CategoryInfo = (typeof CATEGORIES)[number];
for (const owner of Object.values(CATEGORY_OWNERS))
  if (owner.owner === 'EXTERNAL_BODY' && !EXTERNAL_BODY_CODES.includes(owner.externalBody))
    throw new Error(`data/phuket-areas.json names an unknown external body ${owner.externalBody}`);

export const subdistrictByCode = (code: string): SubdistrictData | undefined =>
  SUBDISTRICTS.find((s) => s.code === code);
export const externalBodyByCode = (code: string): ExternalBodyData | undefined =>
  EXTERNAL_BODIES.find((b) => b.code === code);

/** Why a case waits in the triage queue instead of going straight to an organization. */
export type RoutingException =
  | 'UNKNOWN_LOCATION'
  | 'AMBIGUOUS_AREA'
  | 'PAO_CATEGORY'
  | 'EXTERNAL_BODY_CATEGORY'
  | 'CONFLICT'
  | 'ORGANIZATION_UNAVAILABLE';

export type RoutingDecision =
  { lead: string; subdistrict: SubdistrictData } | { exception: RoutingException; subdistrict: SubdistrictData | null };

/**
 * Where a new case goes: to the one organization whose area its tambon is, when its category belongs
 * to the local organization; every other case (no tambon, a tambon shared by two organizations, a
 * PAO's or an outside body's category, a conflict to mediate) to the network centre's triage queue.
 */
export function route(c: { kind: CaseKind; category: CaseCategory; subdistrict: string | null }): RoutingDecision {
  const area = c.subdistrict ? (subdistrictByCode(c.subdistrict) ?? null) : null;
  if (c.kind === 'CONFLICT') return { exception: 'CONFLICT', subdistrict: area };
  const owner = CATEGORY_OWNERS[c.category];
  if (owner.owner === 'PAO') return { exception: 'PAO_CATEGORY', subdistrict: area };
  if (owner.owner === 'EXTERNAL_BODY') return { exception: 'EXTERNAL_BODY_CATEGORY', subdistrict: area };
  if (!area) return { exception: 'UNKNOWN_LOCATION', subdistrict: null };
  const [only, ...others] = area.organizations;
  if (!only || others.length > 0 || only.covers !== 'WHOLE') return { exception: 'AMBIGUOUS_AREA', subdistrict: area };
  return { lead: only.code, subdistrict: area };
}

/** The district a tambon lies in (a case's district follows from its tambon). */
export const districtOf = (code: string): District | null => subdistrictByCode(code)?.district ?? null;
