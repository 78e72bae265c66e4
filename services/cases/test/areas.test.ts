import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTERNAL_BODIES, route, SUBDISTRICTS } from '../src/domain/areas';
import { openCaseInput } from '../src/domain/inputs';

/** The network's 19 organizations (DESIGN §5): the PAO and the 18 local ones whose areas are tambons. */
const LOCAL_ORGANIZATIONS = [
  'PKT-CITY',
  'RATSADA',
  'WICHIT',
  'CHALONG',
  'RAWAI',
  'KARON',
  'KO-KAEO',
  'KATHU',
  'PATONG',
  'KAMALA',
  'THEP-KRASATTRI-M',
  'THEP-KRASATTRI-S',
  'SI-SUNTHON',
  'CHOENG-THALE-M',
  'CHOENG-THALE-S',
  'PA-KHLOK',
  'SAKHU',
  'MAI-KHAO',
];

describe("Phuket's areas as data", () => {
  it('lists the 17 tambons once each, coded by district (8301 Mueang, 8302 Kathu, 8303 Thalang)', () => {
    const codes = SUBDISTRICTS.map((s) => s.code);
    expect(new Set(codes).size).toBe(17);
    const prefix = { MUEANG_PHUKET: '8301', KATHU: '8302', THALANG: '8303' } as const;
    for (const s of SUBDISTRICTS) expect(s.code.startsWith(prefix[s.district])).toBe(true);
    expect(SUBDISTRICTS.filter((s) => s.district === 'MUEANG_PHUKET')).toHaveLength(8);
    expect(SUBDISTRICTS.filter((s) => s.district === 'KATHU')).toHaveLength(3);
    expect(SUBDISTRICTS.filter((s) => s.district === 'THALANG')).toHaveLength(6);
  });

  it('gives every local organization of the network an area, and no tambon to an unknown one', () => {
    const named = new Set(SUBDISTRICTS.flatMap((s) => s.organizations.map((o) => o.code)));
    expect([...named].sort()).toEqual([...LOCAL_ORGANIZATIONS].sort());
  });

  it('marks a tambon shared by two organizations as covered in part by each', () => {
    for (const s of SUBDISTRICTS) {
      if (s.organizations.length > 1) expect(s.organizations.every((o) => o.covers === 'PART')).toBe(true);
      else expect(s.organizations[0]!.covers).toBe('WHOLE');
    }
  });

  it('says where the data comes from', () => {
    const readme = readFileSync(join(__dirname, '..', 'data', 'README.md'), 'utf8');
    expect(readme).toMatch(/DOPA/);
    expect(readme).toMatch(/phuket-areas\.json/);
    expect(readme).toMatch(/external-bodies\.json/);
  });

  it('registers the outside bodies cases are handed to, with unique codes', () => {
    const codes = EXTERNAL_BODIES.map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(['PWA', 'PEA', 'DOH', 'DRR', 'RTP', 'PROVINCIAL-OFFICE']));
  });
});

describe('routing a new case by tambon and category', () => {
  it.each([
    ['830202', 'WASTE', { lead: 'PATONG' }],
    ['830101', 'ROAD', { lead: 'PKT-CITY' }],
    ['830102', 'FLOODING', { lead: 'PKT-CITY' }],
    ['830305', 'PUBLIC_NUISANCE', { lead: 'MAI-KHAO' }],
    ['830301', 'WASTE', { exception: 'AMBIGUOUS_AREA' }],
    ['830303', 'ROAD', { exception: 'AMBIGUOUS_AREA' }],
    ['830202', 'WATER', { exception: 'EXTERNAL_BODY_CATEGORY' }],
    ['830202', 'LAND_DISPUTE', { exception: 'PAO_CATEGORY' }],
    [null, 'WASTE', { exception: 'UNKNOWN_LOCATION' }],
  ] as const)('tambon %s, %s → %o', (subdistrict, category, expected) => {
    expect(route({ kind: 'GRIEVANCE', category, subdistrict })).toMatchObject(expected);
  });

  it('leaves a conflict to the network centre wherever it is', () => {
    expect(route({ kind: 'CONFLICT', category: 'WASTE', subdistrict: '830202' })).toMatchObject({
      exception: 'CONFLICT',
    });
  });

  it('accepts only known tambon codes at intake', () => {
    const base = {
      kind: 'GRIEVANCE',
      category: 'WASTE',
      channel: 'WEB',
      title: 'Bins not collected',
      description: 'For three days',
      reporter: { name: 'A', phone: '0812345678' },
    };
    expect(openCaseInput.safeParse({ ...base, location: { lat: 7.9, lng: 98.3, subdistrict: '830202' } }).success).toBe(
      true,
    );
    expect(openCaseInput.safeParse({ ...base, location: { lat: 7.9, lng: 98.3, subdistrict: '830999' } }).success).toBe(
      false,
    );
  });
});
