import type { DataSource } from 'typeorm';
import { seededRandom } from '@pcc/db';
import { fiscalYearRange } from '@pcc/fiscal-year';
import { OrganizationProjection, projectionScope } from '@pcc/organization-projection';
import type { Identity } from '@pcc/subgraph-kit';
import type { AccumulatedFundsPurpose } from '../domain/accumulated-funds';
import type { FundingSource } from '../domain/vocabulary';
import { AccumulatedFundsLedger } from '../providers/accumulated-funds';
import { PlanManager } from '../providers/plans';
import { ProjectProposals } from '../providers/project-proposals';
import { ProjectWorkflow } from '../providers/project-workflow';
import { reportDelays } from '../providers/delays';
import { StrategyEntity } from '../store/entities';

const ADMIN: Identity = { sub: 'seed', role: 'NETWORK_ADMIN', org: null };

/** The five strategies most Phuket local plans share (แผนพัฒนาท้องถิ่น 2561–2565), with their approaches. */
const STRATEGIES = [
  {
    code: 'S1',
    title: 'การพัฒนาโครงสร้างพื้นฐาน (Infrastructure)',
    approaches: [
      { code: 'S1.1', title: 'ถนน สะพาน และทางระบายน้ำ (Roads, bridges, drainage)' },
      { code: 'S1.2', title: 'ไฟฟ้าสาธารณะและประปา (Street lighting, water supply)' },
    ],
  },
  {
    code: 'S2',
    title: 'การพัฒนาคุณภาพชีวิตและสังคม (Quality of life)',
    approaches: [
      { code: 'S2.1', title: 'การศึกษา (Education)' },
      { code: 'S2.2', title: 'สาธารณสุขและผู้สูงอายุ (Health, elderly care)' },
    ],
  },
  {
    code: 'S3',
    title: 'ทรัพยากรธรรมชาติและสิ่งแวดล้อม (Environment)',
    approaches: [
      { code: 'S3.1', title: 'การจัดการขยะ (Waste management)' },
      { code: 'S3.2', title: 'ชายฝั่งและคุณภาพน้ำ (Coast, water quality)' },
    ],
  },
  {
    code: 'S4',
    title: 'เศรษฐกิจและการท่องเที่ยว (Economy, tourism)',
    approaches: [
      { code: 'S4.1', title: 'การท่องเที่ยว (Tourism)' },
      { code: 'S4.2', title: 'เศรษฐกิจชุมชน (Community economy)' },
    ],
  },
  {
    code: 'S5',
    title: 'การบริหารจัดการที่ดี (Good governance)',
    approaches: [
      { code: 'S5.1', title: 'บริการประชาชน (Public services)' },
      { code: 'S5.2', title: 'ป้องกันและบรรเทาสาธารณภัย (Disaster prevention)' },
    ],
  },
];

/** Project rows as local plans write them: approach, title, objective, target, KPI, result, budget range (THB). */
const TEMPLATES: Array<{
  approach: string;
  title: string;
  objective: string;
  target: string;
  kpi: string;
  result: string;
  min: number;
  max: number;
  months: number;
}> = [
  {
    approach: 'S1.1',
    title: 'ก่อสร้างรางระบายน้ำ คสล. (Concrete drainage)',
    objective: 'แก้ปัญหาน้ำท่วมขัง (End standing floods)',
    target: 'รางระบายน้ำยาว 450 ม. (450 m of drain)',
    kpi: 'จุดน้ำท่วมขังลดลง (Fewer flood spots)',
    result: 'ถนนไม่มีน้ำท่วมขังในฤดูฝน (No standing water in the rainy season)',
    min: 800_000,
    max: 4_500_000,
    months: 5,
  },
  {
    approach: 'S1.1',
    title: 'ปรับปรุงผิวจราจรแอสฟัลท์ติก (Asphalt resurfacing)',
    objective: 'ให้การสัญจรปลอดภัย (Safe traffic)',
    target: 'ถนน 1.2 กม. (1.2 km of road)',
    kpi: 'อุบัติเหตุลดลง (Fewer accidents)',
    result: 'ผิวถนนได้มาตรฐาน (Road surface to standard)',
    min: 1_500_000,
    max: 9_000_000,
    months: 6,
  },
  {
    approach: 'S1.2',
    title: 'ติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ (Solar street lights)',
    objective: 'ความปลอดภัยยามค่ำคืน (Safety at night)',
    target: '60 ต้น (60 lamps)',
    kpi: 'ร้อยละของซอยที่มีไฟ (Share of lit lanes)',
    result: 'ซอยมีแสงสว่างเพียงพอ (Lanes well lit)',
    min: 600_000,
    max: 3_000_000,
    months: 4,
  },
  {
    approach: 'S1.2',
    title: 'ขยายเขตประปาหมู่บ้าน (Village water main extension)',
    objective: 'น้ำสะอาดทุกครัวเรือน (Clean water for every household)',
    target: '120 ครัวเรือน (120 households)',
    kpi: 'ครัวเรือนที่มีน้ำประปา (Households connected)',
    result: 'ไม่ต้องซื้อน้ำรถ (No more water trucks)',
    min: 900_000,
    max: 5_000_000,
    months: 6,
  },
  {
    approach: 'S2.1',
    title: 'อาหารกลางวันและนมโรงเรียน (School lunches and milk)',
    objective: "โภชนาการเด็กนักเรียน (Pupils' nutrition)",
    target: 'นักเรียน 850 คน (850 pupils)',
    kpi: 'นักเรียนน้ำหนักตามเกณฑ์ (Pupils at healthy weight)',
    result: 'เด็กมีสุขภาพดี (Healthy children)',
    min: 700_000,
    max: 3_500_000,
    months: 11,
  },
  {
    approach: 'S2.2',
    title: 'ศูนย์ดูแลผู้สูงอายุในชุมชน (Community elderly care centre)',
    objective: 'ดูแลผู้สูงอายุติดบ้าน (Care for housebound elderly)',
    target: 'ผู้สูงอายุ 150 คน (150 elderly people)',
    kpi: 'ผู้สูงอายุได้รับการเยี่ยมบ้าน (Home visits made)',
    result: 'คุณภาพชีวิตผู้สูงอายุดีขึ้น (Better elderly life)',
    min: 300_000,
    max: 1_800_000,
    months: 10,
  },
  {
    approach: 'S3.1',
    title: 'คัดแยกขยะต้นทางในชุมชน (Waste sorting at source)',
    objective: 'ลดขยะเข้าเตาเผาร้อยละ 5 (5 % less waste to the incinerator)',
    target: '12 ชุมชน (12 communities)',
    kpi: 'ปริมาณขยะลดลง (Tonnes of waste avoided)',
    result: 'ขยะลดลงตาม MOU (Waste down as the MOU asks)',
    min: 250_000,
    max: 1_500_000,
    months: 8,
  },
  {
    approach: 'S3.1',
    title: 'จัดซื้อรถเก็บขนขยะแบบอัดท้าย (Compactor garbage truck)',
    objective: 'เก็บขยะได้ครบทุกจุด (Collect at every point)',
    target: 'รถ 1 คัน 10 ลบ.หลา (One 10 yd³ truck)',
    kpi: 'จุดตกค้างลดลง (Fewer missed pickups)',
    result: 'ไม่มีขยะตกค้าง (No uncollected waste)',
    min: 2_200_000,
    max: 3_800_000,
    months: 5,
  },
  {
    approach: 'S3.2',
    title: 'ฟื้นฟูป่าชายเลนและชายหาด (Mangrove and beach restoration)',
    objective: 'ป้องกันการกัดเซาะชายฝั่ง (Stop coastal erosion)',
    target: 'พื้นที่ 15 ไร่ (15 rai)',
    kpi: 'พื้นที่ป่าชายเลนเพิ่มขึ้น (Mangrove area gained)',
    result: 'ชายฝั่งคงสภาพ (Stable coastline)',
    min: 400_000,
    max: 2_500_000,
    months: 9,
  },
  {
    approach: 'S4.1',
    title: 'ปรับภูมิทัศน์จุดชมวิว (Viewpoint landscaping)',
    objective: 'ส่งเสริมการท่องเที่ยว (Promote tourism)',
    target: 'จุดชมวิว 1 แห่ง (One viewpoint)',
    kpi: 'จำนวนนักท่องเที่ยว (Visitors)',
    result: 'รายได้ชุมชนเพิ่มขึ้น (More community income)',
    min: 1_000_000,
    max: 6_000_000,
    months: 7,
  },
  {
    approach: 'S4.2',
    title: 'ฝึกอาชีพและตลาดชุมชน (Vocational training, community market)',
    objective: 'เพิ่มรายได้ครัวเรือน (Raise household income)',
    target: '200 คน (200 people)',
    kpi: 'ผู้ผ่านการฝึกมีรายได้เพิ่ม (Trainees earning more)',
    result: 'เศรษฐกิจชุมชนเข้มแข็ง (Stronger local economy)',
    min: 150_000,
    max: 900_000,
    months: 6,
  },
  {
    approach: 'S5.1',
    title: 'ศูนย์บริการประชาชนแบบเบ็ดเสร็จ (One-stop service counter)',
    objective: 'บริการรวดเร็ว (Faster services)',
    target: '1 ศูนย์ (One counter)',
    kpi: 'เวลารอคิวเฉลี่ย (Average waiting time)',
    result: 'ประชาชนพึงพอใจ (Satisfied citizens)',
    min: 300_000,
    max: 2_000_000,
    months: 5,
  },
  {
    approach: 'S5.2',
    title: 'ป้องกันและบรรเทาสาธารณภัยช่วงมรสุม (Monsoon disaster preparedness)',
    objective: 'ลดความเสียหายจากอุทกภัย (Less flood damage)',
    target: 'อาสาสมัคร 80 คน และเครื่องสูบน้ำ 4 เครื่อง (80 volunteers, 4 pumps)',
    kpi: 'เวลาตอบสนองเหตุ (Response time)',
    result: 'ชุมชนพร้อมรับภัย (Prepared communities)',
    min: 350_000,
    max: 2_400_000,
    months: 6,
  },
];

/** Joint PAO projects: the PAO owns them, the partners share the work (ทางหลวงท้องถิ่น, ระบบขยะ). */
const JOINT = [
  {
    title: 'ถนนเชื่อมต่อชายหาดป่าตอง–กะรน (Patong–Karon beach road link)',
    partners: ['PATONG', 'KARON'],
    approach: 'S1.1',
    budget: 24_500_000,
  },
  {
    title: 'ระบบคัดแยกขยะอินทรีย์ระดับจังหวัด (Province organic waste sorting)',
    partners: ['PKT-CITY', 'PATONG', 'KATHU', 'RAWAI'],
    approach: 'S3.1',
    budget: 18_000_000,
  },
  {
    title: 'ระบบเตือนภัยน้ำท่วมลุ่มน้ำบางใหญ่ (Bang Yai flood warning system)',
    partners: ['PKT-CITY', 'KATHU', 'WICHIT'],
    approach: 'S5.2',
    budget: 9_600_000,
  },
  {
    title: 'ฟื้นฟูคลองบางเหนียว (Khlong Bang Niao restoration)',
    partners: ['PKT-CITY', 'RATSADA'],
    approach: 'S3.2',
    budget: 7_200_000,
  },
  {
    title: 'ทางจักรยานรอบเกาะภูเก็ต (Round-island cycle path)',
    partners: ['CHALONG', 'RAWAI', 'KARON', 'KAMALA'],
    approach: 'S4.1',
    budget: 15_800_000,
  },
];

/** Projects per fiscal year by organization size (Patong and the city plan most). */
/** Demo accumulated funds (THB), reported on 30 September 2017: the PAO's, and every LGO's alike. */
const PAO_FUNDS = { balance: '900000000.00', monthlyPersonnelCost: '30000000.00', annualBudget: '1500000000.00' };
const LGO_FUNDS = { balance: '120000000.00', monthlyPersonnelCost: '3000000.00', annualBudget: '250000000.00' };
/** The purposes the regulation allows, for the seed's accumulated-funds projects. */
const SEED_PURPOSES: readonly AccumulatedFundsPurpose[] = [
  'COMMUNITY_AND_SOCIAL_SERVICES',
  'PUBLIC_HARDSHIP_RELIEF',
  'REVENUE_GENERATING',
];

/** Accumulated-funds approvals the seed leaves without a contract: they lapse at the first watch. */
export const LAPSING = 2;

const SIZE: Record<string, number> = {
  'PKT-CITY': 16,
  PATONG: 16,
  KATHU: 11,
  CHALONG: 11,
  RAWAI: 10,
  KARON: 10,
  WICHIT: 10,
  RATSADA: 9,
  'PKT-PAO': 8,
};

const baht = (amount: number) => `${Math.round(amount / 1000) * 1000}.00`;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Development plans 2561–2565 for the 19 organizations and a few hundred projects for FY2561–FY2562,
 * worked through the same providers as the API (so every event flows): most of FY2561 completed,
 * FY2562 at every stage, joint PAO projects, accumulated-funds projects with council resolutions,
 * coordination submitted, accepted and declined. Idempotent: does nothing once projects exist.
 */
export async function seed(dataSource: DataSource): Promise<{ plans: number; projects: number }> {
  const [{ n }] = await dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM project');
  if (n > 0) return { plans: 0, projects: 0 };
  // The history is replayed on a clock of its own: each step happens on its day, so delays are judged
  // as they were then; the delay watch then judges what is still open as of today.
  let clock = '2017-10-01';
  const scope = { ...projectionScope(dataSource, ADMIN), today: () => clock };
  const [plans, proposals, workflow] = [
    new PlanManager(scope),
    new ProjectProposals(scope),
    new ProjectWorkflow(scope),
  ];
  const organizations = await dataSource
    .getRepository(OrganizationProjection)
    .find({ where: { active: true }, order: { code: 'ASC' } });
  const byCode = new Map(organizations.map((o) => [o.code, o]));
  const next = seededRandom(2562);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const approachIds = new Map<string, { strategyId: string; approachId: string }>();
  let projects = 0;
  let lapsing = LAPSING;

  async function project(
    ownerId: string,
    fiscalYear: number,
    input: {
      approach: string;
      title: string;
      objective: string;
      target: string;
      kpi: string;
      result: string;
      budget: number;
      months: number;
      partners?: string[];
      funding?: FundingSource;
    },
  ) {
    const { strategyId, approachId } = approachIds.get(`${ownerId}|${input.approach}`)!;
    const { start } = fiscalYearRange(fiscalYear);
    const plannedStart = addDays(start, Math.floor(next() * 150));
    const plannedEnd = addDays(plannedStart, input.months * 30);
    const funding: FundingSource =
      input.funding ?? (next() < 0.15 ? 'ACCUMULATED_FUNDS' : next() < 0.15 ? 'SUBSIDY' : 'ANNUAL_BUDGET');
    const created = await proposals.propose({
      ownerOrganizationId: ownerId,
      partnerOrganizationIds: input.partners ?? [],
      fiscalYear,
      strategyId,
      approachId,
      title: input.title,
      objective: input.objective,
      target: input.target,
      kpi: input.kpi,
      expectedResult: input.result,
      fundingSource: funding,
      budget: baht(input.budget),
      plannedStart,
      plannedEnd,
    });
    projects += 1;
    const stage = next();
    const finished = fiscalYear === 2561 ? 0.8 : 0.55;
    if (next() < 0.4) {
      await workflow.coordinate(
        created.id,
        'submitForCoordination',
        'ขอประสานงบประมาณและแผนงานกับ อบจ. (Coordination with the PAO requested)',
      );
      const verdict = next();
      if (verdict < 0.7)
        await workflow.coordinate(
          created.id,
          'acceptCoordination',
          'สอดคล้องกับแผนพัฒนาจังหวัด (In line with the provincial plan)',
        );
      else if (verdict < 0.85)
        await workflow.coordinate(
          created.id,
          'declineCoordination',
          'ซ้ำซ้อนกับโครงการของ อบจ. ปีเดียวกัน (Overlaps a PAO project of the same year)',
        );
    }
    if (fiscalYear === 2562 && stage > 0.95) return; // still a proposal
    if (stage > 0.92 && stage <= 0.95)
      return void (await workflow.cancel(
        created.id,
        'ไม่ได้รับการจัดสรรงบประมาณ (No budget allocated)',
        'INSUFFICIENT_BUDGET',
      ));
    const approvedBudget = baht(input.budget * (0.9 + next() * 0.1));
    clock = addDays(plannedStart, -10);
    await workflow.approve(created.id, {
      approvedBudget,
      accumulatedFundsPurpose: funding === 'ACCUMULATED_FUNDS' ? pick(SEED_PURPOSES) : null,
      councilResolution:
        funding === 'ACCUMULATED_FUNDS'
          ? {
              reference: `มติสภาฯ สมัยสามัญที่ ${1 + Math.floor(next() * 4)}/${fiscalYear}`,
              date: addDays(plannedStart, -20),
            }
          : null,
    });
    // An accumulated-funds approval without a contract lapses at the next watch: all but the first
    // LAPSING of those the seed leaves open get theirs, so the demo shows the rule and keeps its projects.
    const contractBy = async (signedOn: string) => {
      if (funding !== 'ACCUMULATED_FUNDS') return;
      clock = signedOn;
      await workflow.recordContract(created.id, { signedOn });
    };
    const leftOpen = async (signedOn: string) => {
      if (funding === 'ACCUMULATED_FUNDS' && lapsing > 0) return void (lapsing -= 1);
      await contractBy(signedOn);
    };
    // Approved, not yet procuring: a contract signed early (ผูกพันไว้ก่อน), a few days before the planned start.
    if (fiscalYear === 2562 && stage > 0.9) return leftOpen(addDays(plannedStart, -5));
    clock = plannedStart;
    await workflow.startProcurement(created.id);
    // Procuring: the contract signed as procurement closes, by the planned start.
    if (fiscalYear === 2562 && stage > 0.8) return leftOpen(plannedStart);
    // The contract is signed as work starts.
    await contractBy(plannedStart);
    await workflow.startImplementation(created.id);
    const approvedSatang = Number(approvedBudget.replace('.', ''));
    const steps = stage <= finished ? [30, 65, 100] : [20, 45 + Math.floor(next() * 20)];
    let paid = 0;
    for (const [i, percent] of steps.entries()) {
      const due = Math.floor((approvedSatang * percent) / 100) - paid;
      paid += due;
      const reportedOn = addDays(plannedStart, Math.floor((input.months * 30 * (i + 1)) / steps.length));
      clock = reportedOn;
      await workflow.reportProgress(created.id, {
        reportedOn,
        percent,
        amountDisbursed: `${Math.floor(due / 100)}.${String(due % 100).padStart(2, '0')}`,
        note: null,
      });
    }
    if (steps.at(-1) === 100) await workflow.complete(created.id);
  }

  // Each organization reports its accumulated funds before FY2561, so its accumulated-funds projects
  // are judged against a ledger: demo figures, ample for the projects below.
  const ledger = new AccumulatedFundsLedger(scope);
  for (const organization of organizations)
    await ledger.report({
      organizationId: organization.id,
      reportedOn: '2017-09-30',
      ...(organization.code === 'PKT-PAO' ? PAO_FUNDS : LGO_FUNDS),
    });
  for (const organization of organizations) {
    const plan = await plans.create({
      organizationId: organization.id,
      title: `แผนพัฒนาท้องถิ่น (พ.ศ. 2561–2565) ${organization.nameTh}`,
      firstFiscalYear: 2561,
      lastFiscalYear: 2565,
      strategies: STRATEGIES,
    });
    await plans.publish(plan.id);
    for (const strategy of await dataSource.getRepository(StrategyEntity).findBy({ planId: plan.id })) {
      const approaches: Array<{ id: string; code: string }> = await dataSource.query(
        'SELECT id, code FROM development_approach WHERE strategy_id = $1',
        [strategy.id],
      );
      for (const a of approaches)
        approachIds.set(`${organization.id}|${a.code}`, { strategyId: strategy.id, approachId: a.id });
    }
  }
  for (const fiscalYear of [2561, 2562]) {
    for (const organization of organizations) {
      for (let i = 0; i < (SIZE[organization.code] ?? 6); i += 1) {
        const template = pick(TEMPLATES);
        await project(organization.id, fiscalYear, {
          ...template,
          budget: template.min + next() * (template.max - template.min),
        });
      }
    }
    const pao = byCode.get('PKT-PAO');
    for (const joint of pao ? JOINT : []) {
      const template = TEMPLATES.find((t) => t.approach === joint.approach)!;
      const partners = joint.partners.map((code) => byCode.get(code)?.id).filter((id): id is string => Boolean(id));
      await project(pao!.id, fiscalYear, {
        ...template,
        title: joint.title,
        budget: joint.budget,
        partners,
        funding: 'JOINT',
        months: 10,
      });
    }
  }
  await reportDelays(dataSource);
  return { plans: organizations.length, projects };
}
