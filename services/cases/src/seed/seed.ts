import type { DataSource } from 'typeorm';
import { seededRandom } from '@pcc/db';
import type { Identity } from '@pcc/subgraph-kit';
import { EXTERNAL_BODIES, subdistrictByCode } from '../domain/areas';
import { DEFAULT_SLA_HOURS } from '../domain/sla';
import { CASE_CATEGORIES, type CaseCategory, type District } from '../domain/vocabulary';
import { caseScope } from '../providers/scope';
import { CaseWorkflow } from '../providers/case-workflow';
import { OrganizationProjection } from '../store/entities';

const ADMIN: Identity = { sub: 'seed', role: 'NETWORK_ADMIN', org: null };

/** Who leads by default in each district (the routing table, editable by NETWORK_ADMIN). */
const DISTRICT_LEADS: Record<District, string> = { MUEANG_PHUKET: 'PKT-CITY', KATHU: 'KATHU', THALANG: 'SI-SUNTHON' };
const CATEGORY_LEADS: Partial<Record<CaseCategory, string>> = { LAND_DISPUTE: 'PKT-PAO', FLOODING: 'PKT-PAO' };

const TITLES: Record<CaseCategory, string[]> = {
  WASTE: ['ขยะตกค้างไม่มีการเก็บ 3 วัน', 'Overflowing bins behind the market', 'ทิ้งขยะริมถนนเป็นประจำ'],
  WATER: ['น้ำประปาไม่ไหลทั้งซอย', 'Brown tap water since Monday', 'ท่อประปาแตกรั่ว'],
  ROAD: ['ถนนเป็นหลุมบ่อ อันตรายต่อผู้ขับขี่', 'Street lights out on the beach road', 'Pothole near the school gate'],
  FLOODING: ['น้ำท่วมขังหลังฝนตก', 'Drain blocked, flooding every storm', 'ท่อระบายน้ำอุดตัน'],
  ENVIRONMENT: ['กลิ่นเหม็นจากบ่อบำบัด', 'Smoke from burning rubbish at night', 'ตัดต้นไม้ริมคลองโดยไม่ได้รับอนุญาต'],
  LAND_DISPUTE: ['ข้อพิพาทแนวเขตที่ดินระหว่างเพื่อนบ้าน', 'Dispute over access road between plots', 'บุกรุกที่สาธารณะ'],
  PUBLIC_NUISANCE: ['เสียงดังจากสถานบันเทิงยามวิกาล', 'Loud construction after 22:00', 'สุนัขจรจัดรบกวน'],
  SOCIAL_WELFARE: ['ผู้สูงอายุไม่ได้รับเบี้ยยังชีพ', 'Disabled resident needs home access ramp', 'ขอความช่วยเหลือครอบครัวยากจน'],
  OTHER: ['สอบถามขั้นตอนขออนุญาตก่อสร้าง', 'Request for a pedestrian crossing', 'ป้ายโฆษณาบังทัศนวิสัย'],
};
/**
 * A place in each of Phuket's 17 tambons (by DOPA code, data/phuket-areas.json), near where reports
 * come from: a case reported with its tambon goes straight to the organization whose area it is, or
 * waits for triage when two organizations share the tambon (Thep Krasattri, Choeng Thale).
 */
const PLACES: Record<District, Array<{ subdistrict: string; lat: number; lng: number; address: string }>> = {
  MUEANG_PHUKET: [
    { subdistrict: '830101', lat: 7.8847, lng: 98.3889, address: 'Thalang Road, Old Town' },
    { subdistrict: '830102', lat: 7.8905, lng: 98.3822, address: 'Yaowarat Road' },
    { subdistrict: '830103', lat: 7.9441, lng: 98.3862, address: 'Ko Kaeo, Bypass Road' },
    { subdistrict: '830104', lat: 7.9046, lng: 98.4035, address: 'Ratsada, Saphan Hin' },
    { subdistrict: '830105', lat: 7.8613, lng: 98.3797, address: 'Wichit, Ao Makham' },
    { subdistrict: '830106', lat: 7.8448, lng: 98.3381, address: 'Chalong Circle' },
    { subdistrict: '830107', lat: 7.7797, lng: 98.3254, address: 'Rawai Beach' },
    { subdistrict: '830108', lat: 7.8465, lng: 98.2966, address: 'Karon Beach Road' },
  ],
  KATHU: [
    { subdistrict: '830201', lat: 7.9103, lng: 98.3369, address: 'Kathu, Wichit Songkhram Road' },
    { subdistrict: '830202', lat: 7.8961, lng: 98.2969, address: 'Patong Beach Road' },
    { subdistrict: '830203', lat: 7.9569, lng: 98.2836, address: 'Kamala Beach' },
  ],
  THALANG: [
    { subdistrict: '830301', lat: 8.0335, lng: 98.3383, address: 'Thalang town, Heroines Monument' },
    { subdistrict: '830302', lat: 7.9858, lng: 98.3322, address: 'Si Sunthon, Ban Lipon' },
    { subdistrict: '830303', lat: 7.9947, lng: 98.2966, address: 'Choeng Thale, Bang Tao' },
    { subdistrict: '830304', lat: 8.0358, lng: 98.4071, address: 'Pa Khlok, Bang Rong pier' },
    { subdistrict: '830305', lat: 8.1514, lng: 98.3003, address: 'Mai Khao Beach' },
    { subdistrict: '830306', lat: 8.0838, lng: 98.3001, address: 'Sakhu, Nai Yang' },
  ],
};
/** Some callers give no place a tambon can be told from (a phone call about "the road near my house"). */
const NO_TAMBON_SHARE = 0.1;
/** Outside bodies' answers, as the officers following them write them down. */
const REPLIES = ['รับเรื่องและส่งช่างตรวจสอบแล้ว / Received, a technician has inspected.', 'ซ่อมแล้วเสร็จ / Repaired.'];

/**
 * The routing table and a few hundred demo cases across the organizations, opened and worked
 * through the same workflow as the API (so the events flow too). Idempotent: it does nothing once
 * the demo cases exist. The organization projection must be filled (the service's consumer does it).
 */
export async function seed(
  dataSource: DataSource,
  count = 300,
): Promise<{ cases: number; rules: number; referrals: number }> {
  const organizations = await dataSource.getRepository(OrganizationProjection).find();
  const byCode = new Map(organizations.map((o) => [o.code, o]));
  const workflow = new CaseWorkflow(caseScope(dataSource, ADMIN, DEFAULT_SLA_HOURS));
  let rules = 0;
  for (const district of Object.keys(PLACES) as District[]) {
    for (const category of CASE_CATEGORIES) {
      const lead = byCode.get(CATEGORY_LEADS[category] ?? DISTRICT_LEADS[district]);
      if (!lead) continue;
      const [existing] = await dataSource.query<unknown[]>(
        'SELECT 1 FROM routing_rule WHERE district = $1 AND category = $2',
        [district, category],
      );
      if (existing) continue;
      await workflow.setRoutingRule(district, category, lead.id);
      rules += 1;
    }
  }
  const [{ n }] = await dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM "case"');
  if (n >= count) return { cases: 0, rules, referrals: 0 };
  const next = seededRandom(2561);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const districtOrgs = (district: District) => organizations.filter((o) => o.district === district && o.active);
  // The centre's choice at triage: the tambon's first active organization (the municipality of a
  // shared tambon), else one of the district's.
  const triageLead = (district: District, tambon: string | undefined) => {
    const ofTambon = (tambon ? (subdistrictByCode(tambon)?.organizations ?? []) : [])
      .map((o) => byCode.get(o.code))
      .find((o) => o?.active);
    return ofTambon ?? pick(districtOrgs(district));
  };
  let referrals = 0;
  let created = 0;
  for (let i = n; i < count; i += 1) {
    // Skewed like real life: the city and Patong get most reports.
    const district: District = next() < 0.5 ? 'MUEANG_PHUKET' : next() < 0.6 ? 'KATHU' : 'THALANG';
    const category = pick(CASE_CATEGORIES);
    const kind =
      category === 'LAND_DISPUTE' || (category === 'PUBLIC_NUISANCE' && next() < 0.4) ? 'CONFLICT' : 'GRIEVANCE';
    const place = pick(PLACES[district]);
    const tambon = next() < NO_TAMBON_SHARE ? undefined : place.subdistrict;
    const opened = await workflow.open({
      kind,
      category,
      channel: pick(['WEB', 'LINE', 'PHONE', 'WALK_IN', 'LETTER', 'REFERRAL'] as const),
      title: pick(TITLES[category]),
      description: 'รายละเอียดตามที่ผู้ร้องแจ้ง / Details as reported by the caller.',
      location: {
        lat: place.lat + (next() - 0.5) * 0.01,
        lng: place.lng + (next() - 0.5) * 0.01,
        address: place.address,
        district,
        ...(tambon ? { subdistrict: tambon } : {}),
      },
      reporter: {
        name: `ผู้ร้อง ${i + 1}`,
        phone: `08${String(10_000_000 + Math.floor(next() * 89_999_999)).slice(0, 8)}`,
      },
      parties:
        kind === 'CONFLICT'
          ? [
              { name: 'Party A', role: 'complainant' },
              { name: 'Party B', role: 'respondent' },
            ]
          : [],
    });
    created += 1;
    const stage = next();
    const id = opened.case.id;
    // Routed on its own to its tambon's organization (TRIAGED), or left in the triage queue saying why.
    if (opened.case.status === 'RECEIVED') {
      if (stage < 0.15) continue; // still in the triage queue
      await workflow.triage(id, {
        leadOrganizationId: triageLead(district, tambon).id,
        priority: pick(['LOW', 'NORMAL', 'NORMAL', 'HIGH', 'URGENT'] as const),
      });
    }
    if (stage < 0.3) continue;
    await workflow.accept(id);
    await workflow.start(id, null);
    if (stage < 0.55) {
      // Some cases in progress are the business of a body outside the network too; half have its answer.
      const bodies = EXTERNAL_BODIES.filter((b) => b.handles.includes(category));
      if (bodies.length === 0 || next() < 0.5) continue;
      const body = pick(bodies);
      await workflow.referToExternalBody(id, {
        externalBody: body.code,
        reference: `${body.code}-${String(i + 1).padStart(4, '0')}/${new Date().getFullYear() + 543}`,
      });
      referrals += 1;
      if (next() < 0.5) {
        const [referral] = await dataSource.query<[{ id: string }]>(
          'SELECT id FROM case_external_referral WHERE case_id = $1 ORDER BY forwarded_at DESC LIMIT 1',
          [id],
        );
        await workflow.recordExternalReply(referral.id, { reply: pick(REPLIES) });
      }
      continue;
    }
    if (kind === 'CONFLICT') {
      await workflow.startMediation(id);
      await workflow.recordMediationSession(id, {
        heldAt: new Date().toISOString(),
        mediator: 'ศูนย์ดำรงธรรม / PCC mediator',
        attendees: ['Party A', 'Party B'],
      });
      await workflow.resolve(id, { resolution: 'ตกลงกันได้ / Parties agreed.', outcome: 'AGREEMENT' });
    } else {
      await workflow.resolve(id, { resolution: 'ดำเนินการแก้ไขแล้ว / Fixed.' });
    }
    if (stage < 0.8) continue;
    await workflow.close(id);
  }
  return { cases: created, rules, referrals };
}
