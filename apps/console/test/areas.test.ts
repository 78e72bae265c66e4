import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { subdistrictGroups } from '../src/lib/areas';
import en from '../src/i18n/en.json';
import th from '../src/i18n/th.json';

const TAMBONS = [
  { code: '830202', nameTh: 'ป่าตอง', nameEn: 'Patong', district: 'KATHU' },
  { code: '830101', nameTh: 'ตลาดใหญ่', nameEn: 'Talat Yai', district: 'MUEANG_PHUKET' },
  { code: '830201', nameTh: 'กะทู้', nameEn: 'Kathu', district: 'KATHU' },
  { code: '830203', nameTh: 'กมลา', nameEn: 'Kamala', district: 'KATHU' },
];

describe("the report form's tambon choices", () => {
  test('are grouped by district, in the order the districts come', () => {
    expect(subdistrictGroups(TAMBONS, 'en').map((g) => g.district)).toEqual(['KATHU', 'MUEANG_PHUKET']);
  });

  test('are sorted by their name in the reader’s language', () => {
    const [kathu] = subdistrictGroups(TAMBONS, 'en');
    expect(kathu!.options).toEqual([
      { code: '830203', name: 'Kamala' },
      { code: '830201', name: 'Kathu' },
      { code: '830202', name: 'Patong' },
    ]);
    // Thai order: ก (กมลา, กะทู้) before ป (ป่าตอง).
    expect(subdistrictGroups(TAMBONS, 'th')[0]!.options.map((o) => o.code)).toEqual(['830203', '830201', '830202']);
  });

  test('are empty for an empty list', () => {
    expect(subdistrictGroups([], 'th')).toEqual([]);
  });
});

describe('why a case waits for triage, in words', () => {
  // The contract's RoutingException values, from the committed supergraph: a new reason needs its words.
  const schema = buildSchema(readFileSync(join(__dirname, '../../../gateway/supergraph.graphql'), 'utf8'));
  const REASONS = (schema.getType('RoutingException') as GraphQLEnumType).getValues().map((v) => v.name);

  test.each([
    ['English', en.routingException as Record<string, string>],
    ['Thai', th.routingException as Record<string, string>],
  ])('is said in %s for every reason', (_language, words) => {
    expect(REASONS.length).toBeGreaterThan(0);
    expect(Object.keys(words).sort()).toEqual([...REASONS].sort());
    for (const reason of REASONS) expect(words[reason]!.length).toBeGreaterThan(5);
  });
});
