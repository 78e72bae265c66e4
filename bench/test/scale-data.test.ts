import { seededRandom } from '@pcc/db';
import { caseRows, projectRows, wasteRows, type Organization } from '../src/scale-data';

const CODES = ['PKT-PAO', 'PKT-CITY', 'PATONG', 'KATHU', 'SAKHU', 'MAI-KHAO'];
const orgs: Organization[] = CODES.map((code, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  code,
  name_th: code,
  name_en: code,
  type: 'TOWN_MUNICIPALITY',
  district: 'KATHU',
  established_on: null,
  created_at: new Date(),
}));
const cells = (row: string) => row.split('\t');

/** The scale generators: rows that fit their columns, unique keys, the skew the benchmark relies on. */
describe('scale data', () => {
  it('gives cases with one value per column, unique ids and tracking codes, skewed towards Patong and the city', () => {
    const { rows, columns, sequences } = caseRows(orgs, 20_000, seededRandom(1));
    const all = [...rows].map(cells);
    expect(all).toHaveLength(20_000);
    expect(all.every((r) => r.length === columns.length)).toBe(true);
    const at = (name: string) => columns.indexOf(name);
    expect(new Set(all.map((r) => r[at('id')])).size).toBe(20_000);
    expect(new Set(all.map((r) => r[at('tracking_code')])).size).toBe(20_000);
    const byOrg = (id: string) => all.filter((r) => r[at('lead_org_id')] === id).length;
    expect(byOrg(orgs[2]!.id)).toBeGreaterThan(5 * byOrg(orgs[4]!.id)); // PATONG ≫ SAKHU
    const open = all.filter((r) =>
      ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS'].includes(r[at('status')]!),
    ).length;
    expect(open / all.length).toBeGreaterThan(0.01);
    expect(open / all.length).toBeLessThan(0.1);
    expect([...sequences()].reduce((n, [, last]) => n + last, 0)).toBe(20_000);
  });

  it('gives projects whose money obeys the planning rules', () => {
    const { rows, columns, plans } = projectRows(orgs, 2_000, seededRandom(2));
    const all = [...rows].map(cells);
    const at = (name: string) => columns.indexOf(name);
    expect(plans).toHaveLength(orgs.length * 2);
    for (const r of all) {
      const [approved, disbursed] = [r[at('approved_budget')]!, r[at('disbursed')]!];
      if (approved !== '\\N') expect(Number(disbursed)).toBeLessThanOrEqual(Number(approved));
      if (r[at('status')] === 'COMPLETED') expect(r[at('progress_percent')]).toBe('100');
    }
    expect(new Set(all.map((r) => r[at('code')])).size).toBe(2_000);
  });

  it('gives every organization a report per month, streams adding up to the total', () => {
    const { rows, columns } = wasteRows(orgs, 2, seededRandom(3));
    const all = [...rows].map(cells);
    expect(all).toHaveLength(orgs.length * 24);
    const at = (name: string) => columns.indexOf(name);
    for (const r of all) {
      const streams = ['general', 'organic', 'recyclable', 'hazardous'].reduce(
        (kg, c) => kg + Math.round(Number(r[at(c)]) * 1000),
        0,
      );
      expect(streams).toBe(Math.round(Number(r[at('total_tonnes')]) * 1000));
    }
  });
});
