import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@pcc/testing';
import th from '../../src/i18n/th.json';
import { launchChromium, screenshot, seriousViolations, signIn } from './browser';
import { E2EPlatform } from './platform';

/**
 * The console in a real browser (Debian's Chromium driven by Playwright) against the real platform,
 * started here as `npm start` runs it. Each step leaves a screenshot; each page passes axe-core.
 */
let platform: E2EPlatform;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  platform = await E2EPlatform.start();
  browser = await launchChromium();
  process.stderr.write(`console e2e: platform started (${platform.timings.join('; ')})\n`);
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

async function newPage(mobile = false): Promise<Page> {
  const context = await browser.newContext(
    mobile ? { viewport: { width: 390, height: 844 } } : { viewport: { width: 1366, height: 900 } },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  pages.push(page);
  return page;
}

const live = (page: Page) => page.locator('[data-testid=live][data-state=live]').waitFor();
const patongOpen = (page: Page) => page.locator('[data-testid=province-row][data-code=PATONG] [data-testid=open]');

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

describe("a citizen's problem, from report to rating", () => {
  let trackingCode = '';
  let secret = '';

  test('a citizen reports a problem on a phone and gets a tracking code and a secret', async () => {
    const citizen = await newPage(true);
    await citizen.goto(`${platform.consoleUrl}/report`);
    await expectAccessible(citizen);
    await citizen.locator('button[type=submit]').click();
    expect(await citizen.locator('#title-error').textContent()).toBe(th.validation.title);
    await citizen.locator('select[name=category]').selectOption('WASTE');
    await citizen.locator('input[name=title]').fill('ขยะล้นถังหน้าตลาดป่าตอง');
    await citizen.locator('textarea[name=description]').fill('ถังขยะล้นมาสามวันแล้ว ส่งกลิ่นเหม็น');
    await citizen.getByTestId('map').click({ position: { x: 60, y: 280 } });
    await citizen.getByTestId('picked').waitFor();
    await citizen.locator('input[name=lat]').fill('7.8961');
    await citizen.locator('input[name=lng]').fill('98.2962');
    await citizen.locator('input[name=phone]').fill('081 234 5678');
    await screenshot(citizen, '01-citizen-report-form');
    await citizen.locator('button[type=submit]').click();
    trackingCode = (await citizen.getByTestId('tracking-code').textContent())!.trim();
    secret = (await citizen.getByTestId('reporter-secret').textContent())!.trim();
    expect(trackingCode).toMatch(/^PCC-\d{4}-\d{6}$/);
    expect(secret.length).toBeGreaterThan(10);
    expect(await citizen.getByRole('alert').textContent()).toBe(th.report.keepSecret);
    await screenshot(citizen, '02-citizen-tracking-code');
    await expectAccessible(citizen);
  }, 120_000);

  test('the coordinator triages it to Patong; the officer accepts and resolves it; the province table follows live', async () => {
    const admin = await newPage();
    await signIn(admin, platform.consoleUrl, 'NETWORK_ADMIN');
    await admin.waitForURL('**/province');
    await live(admin);
    await patongOpen(admin).waitFor();
    const before = Number(await patongOpen(admin).textContent());
    await screenshot(admin, '03-province');
    await expectAccessible(admin);

    const triage = await newPage();
    await signIn(triage, platform.consoleUrl, 'NETWORK_ADMIN');
    await triage.goto(`${platform.consoleUrl}/triage`);
    const card = triage.locator(`[data-testid=triage-card][data-tracking-code="${trackingCode}"]`);
    await card.waitFor();
    await screenshot(triage, '04-triage-queue');
    await expectAccessible(triage);
    const patong = await card.locator('select[name=lead] option', { hasText: 'ป่าตอง' }).first().getAttribute('value');
    await card.locator('select[name=lead]').selectOption(patong);
    await card.locator('select[name=priority]').selectOption('HIGH');
    await card.getByRole('button', { name: th.action.triage }).click();
    await card.waitFor({ state: 'detached' });

    // The province page, left open, counts Patong's new case by itself (no reload, no polling).
    expect(
      await waitFor(
        async () => Number(await patongOpen(admin).textContent()),
        (value) => value === before + 1,
        15_000,
      ),
    ).toBe(before + 1);

    const officer = await newPage();
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.waitForURL('**/inbox');
    const row = officer.locator(`[data-testid=inbox-row][data-tracking-code="${trackingCode}"]`);
    await row.getByRole('button').click();
    const detail = officer.getByTestId('case-detail');
    await detail.getByRole('button', { name: th.action.accept, exact: true }).click();
    expect(
      await waitFor(
        () => detail.getByTestId('case-status').textContent(),
        (value) => value === th.status.ASSIGNED,
        15_000,
      ),
    ).toBe(th.status.ASSIGNED);
    await detail.getByRole('button', { name: th.action.start }).click();
    expect(
      await waitFor(
        () => detail.getByTestId('case-status').textContent(),
        (value) => value === th.status.IN_PROGRESS,
        15_000,
      ),
    ).toBe(th.status.IN_PROGRESS);
    await detail.locator('textarea[name=note]').fill('เก็บขยะและเพิ่มรอบการเก็บเป็นวันละสองครั้ง');
    await screenshot(officer, '05-officer-case');
    await expectAccessible(officer);
    await detail.getByRole('button', { name: th.action.resolve }).click();
    expect(
      await waitFor(
        () => detail.getByTestId('case-status').textContent(),
        (value) => value === th.status.RESOLVED,
        15_000,
      ),
    ).toBe(th.status.RESOLVED);
    await screenshot(officer, '06-officer-resolved');

    expect(
      await waitFor(
        async () => Number(await patongOpen(admin).textContent()),
        (value) => value === before,
        15_000,
      ),
    ).toBe(before);
    await screenshot(admin, '07-province-after');
  }, 180_000);

  test('the citizen follows the link of the resolution e-mail (the code filled in), sees it resolved and rates it', async () => {
    const citizen = await newPage(true);
    // The link in the reporter's resolution e-mail: NOTIFY_CASE_PAGE_URL?code=<tracking code>, never the secret.
    await citizen.goto(`${platform.consoleUrl}/follow?code=${encodeURIComponent(trackingCode)}`);
    expect(await citizen.locator('input[name=code]').inputValue()).toBe(trackingCode);
    await citizen.locator('input[name=secret]').fill(secret);
    await citizen.locator('form button[type=submit]').first().click();
    const followed = citizen.getByTestId('followed-case');
    expect(
      await waitFor(
        () => followed.getByTestId('status').textContent(),
        (value) => value === th.status.RESOLVED,
        15_000,
      ),
    ).toBe(th.status.RESOLVED);
    await expectAccessible(citizen);
    await followed.locator('select[name=rating]').selectOption('5');
    await followed.getByRole('button', { name: th.follow.rate }).click();
    expect(
      await waitFor(
        () => followed.getByTestId('rating').textContent(),
        (value) => Boolean(value?.includes('★★★★★')),
        15_000,
      ),
    ).toContain('★★★★★');
    await screenshot(citizen, '08-citizen-rated');
  }, 120_000);

  test("a second officer does not see the first one's case, nor the coordinator's pages", async () => {
    const other = await newPage();
    await signIn(other, platform.consoleUrl, 'LGO_OFFICER', 'KATHU');
    await other.waitForURL('**/inbox');
    await other.locator('h1').waitFor();
    await other.locator('.muted').first().waitFor();
    expect(await other.locator(`[data-tracking-code="${trackingCode}"]`).count()).toBe(0);
    await other.goto(`${platform.consoleUrl}/triage`);
    expect(await other.getByRole('alert').textContent()).toBe(th.errors.pageForbidden);
    await screenshot(other, '09-other-officer');
  }, 60_000);
});

describe('live and bulk work', () => {
  test('a case opened and triaged by another client appears in the open inbox by itself', async () => {
    const officer = await newPage();
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.waitForURL('**/inbox');
    await live(officer);
    const opened = await platform.graphql<{ openCase: { trackingCode: string; case: { id: string } } }>(
      `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode case { id } } }`,
      {
        input: {
          kind: 'GRIEVANCE',
          category: 'ROAD',
          channel: 'LINE',
          title: 'หลุมบนถนนราษฎร์อุทิศ',
          description: 'หลุมลึกกลางถนน',
          location: { lat: 7.8935, lng: 98.2975 },
          reporter: { name: 'ผู้แจ้งทางไลน์', phone: '076 123 456' },
        },
      },
    );
    const admin = await platform.token('NETWORK_ADMIN');
    const patong = await platform.graphql<{ organizationByCode: { id: string } }>(
      `{ organizationByCode(code: "PATONG") { id } }`,
      {},
    );
    await platform.graphql(
      `mutation ($id: ID!, $input: TriageCaseInput!) { triageCase(id: $id, input: $input) { id } }`,
      { id: opened.openCase.case.id, input: { priority: 'NORMAL', leadOrganizationId: patong.organizationByCode.id } },
      admin,
    );
    await officer
      .locator(`[data-testid=inbox-row][data-tracking-code="${opened.openCase.trackingCode}"]`)
      .waitFor({ timeout: 10_000 });
    await screenshot(officer, '10-inbox-live');
  }, 120_000);

  test('an officer imports a waste CSV with one bad row and sees why', async () => {
    const officer = await newPage();
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.goto(`${platform.consoleUrl}/waste`);
    await officer.getByTestId('waste-reports').waitFor();
    await expectAccessible(officer);
    const csv = [
      'organization_code,month,general,organic,recyclable,hazardous,incinerated,landfilled,recycled,composted,note',
      'PATONG,2020-01,100.000,50.000,20.000,1.000,150.000,10.000,10.000,1.000,',
      'PATONG,2020-02,-5.000,50.000,20.000,1.000,150.000,10.000,10.000,1.000,',
    ].join('\n');
    await officer
      .locator('input[name=csv]')
      .setInputFiles({ name: 'patong.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await officer.getByRole('button', { name: th.waste.import }).click();
    const errors = officer.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toMatch(/แถว 2 \(บรรทัด \d+\)/);
    await screenshot(officer, '11-waste-import-error');
  }, 120_000);

  test('every page reads in English too', async () => {
    const page = await newPage();
    await page.goto(`${platform.consoleUrl}/report`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Report a problem' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible(page);
    await screenshot(page, '12-report-english');
  }, 60_000);
});

describe("officers' projects, monthly reports and mediation; an organization's page", () => {
  /** A project of Patong's, approved and in progress, as the planning mutations make one. */
  async function projectInProgress(): Promise<{ id: string; code: string }> {
    const admin = await platform.token('NETWORK_ADMIN');
    const patong = await platform.graphql<{ organizationByCode: { id: string } }>(
      `{ organizationByCode(code: "PATONG") { id } }`,
      {},
    );
    const plan = await platform.graphql<{ createDevelopmentPlan: { id: string; strategies: Array<{ id: string }> } }>(
      `mutation ($input: DevelopmentPlanInput!) { createDevelopmentPlan(input: $input) { id strategies { id } } }`,
      {
        input: {
          organizationId: patong.organizationByCode.id,
          title: 'แผนพัฒนาท้องถิ่น พ.ศ. 2561–2565',
          firstFiscalYear: 2561,
          lastFiscalYear: 2565,
          strategies: [{ code: 'S1', title: 'การจัดการสิ่งแวดล้อม' }],
        },
      },
      admin,
    );
    await platform.graphql(
      `mutation ($id: ID!) { publishDevelopmentPlan(id: $id) { id } }`,
      { id: plan.createDevelopmentPlan.id },
      admin,
    );
    const proposed = await platform.graphql<{ proposeProject: { id: string; code: string } }>(
      `mutation ($input: ProposeProjectInput!) { proposeProject(input: $input) { id code } }`,
      {
        input: {
          ownerOrganizationId: patong.organizationByCode.id,
          fiscalYear: 2561,
          strategyId: plan.createDevelopmentPlan.strategies[0]!.id,
          title: 'ปรับปรุงจุดพักขยะชายหาดป่าตอง',
          objective: 'ลดขยะตกค้างริมชายหาด',
          target: 'จุดพักขยะ 5 จุด',
          kpi: 'ขยะตกค้างลดลงร้อยละ 50',
          expectedResult: 'ชายหาดสะอาด',
          fundingSource: 'ANNUAL_BUDGET',
          budget: '500000.00',
          plannedStart: '2018-01-15',
          plannedEnd: '2018-09-15',
        },
      },
      admin,
    );
    const { id, code } = proposed.proposeProject;
    await platform.graphql(
      `mutation ($id: ID!, $input: ApproveProjectInput!) { approveProject(id: $id, input: $input) { id } }`,
      { id, input: { approvedBudget: '500000.00' } },
      admin,
    );
    await platform.graphql(`mutation ($id: ID!) { startProcurement(id: $id) { id } }`, { id }, admin);
    await platform.graphql(`mutation ($id: ID!) { startImplementation(id: $id) { id } }`, { id }, admin);
    return { id, code };
  }

  test("an officer records progress on a project; the province table's disbursement follows; the organization page shows it", async () => {
    const project = await projectInProgress();
    const admin = await newPage();
    await signIn(admin, platform.consoleUrl, 'NETWORK_ADMIN');
    await admin.waitForURL('**/province');
    await live(admin);
    const patongDisbursed = admin.locator('[data-testid=province-row][data-code=PATONG] [data-testid=disbursed]');
    expect(
      await waitFor(
        () => patongDisbursed.textContent(),
        (value) => value === '0.00 บาท',
        15_000,
      ),
    ).toBe('0.00 บาท');

    const officer = await newPage(true);
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.goto(`${platform.consoleUrl}/projects`);
    const row = officer.locator(`[data-testid=project-row][data-code="${project.code}"]`);
    await row.getByRole('button', { name: project.code }).click();
    const detail = officer.getByTestId('project-detail');
    const form = detail.getByTestId('progress-form');
    await form.locator('input[name=percent]').fill('150');
    await form.locator('input[name=amountDisbursed]').fill('125000.50');
    await form.getByRole('button', { name: th.progress.submit }).click();
    expect(await form.locator('#percent-error').textContent()).toBe(th.validation.percent);
    await form.locator('input[name=percent]').fill('40');
    await form.locator('textarea[name=note]').fill('ติดตั้งจุดพักขยะแล้ว 2 จุด');
    await screenshot(officer, '13-officer-progress-form');
    await form.getByRole('button', { name: th.progress.submit }).click();
    expect(
      await waitFor(
        () => detail.getByTestId('project-disbursed').textContent(),
        (value) => value === '125,000.50 บาท',
        15_000,
      ),
    ).toBe('125,000.50 บาท');
    expect(await detail.getByTestId('project-progress').textContent()).toBe('40 %');
    expect(await detail.getByTestId('progress-reports').textContent()).toContain('ติดตั้งจุดพักขยะแล้ว 2 จุด');
    await screenshot(officer, '14-officer-progress-recorded');
    await expectAccessible(officer);

    // The province page, left open, shows Patong's disbursement by itself.
    expect(
      await waitFor(
        () => patongDisbursed.textContent(),
        (value) => value === '125,000.50 บาท',
        15_000,
      ),
    ).toBe('125,000.50 บาท');
    await admin.locator('[data-testid=province-row][data-code=PATONG] th a').click();
    await admin.waitForURL('**/organizations/PATONG');
    const budget = admin.getByTestId('organization-budget');
    await budget.waitFor();
    expect(await budget.textContent()).toContain('125,000.50 บาท');
    expect(await admin.locator(`[data-testid=project-row][data-code="${project.code}"]`).textContent()).toContain(
      '40 %',
    );
    expect(await admin.getByTestId('organization-cases').textContent()).toContain(th.province.open);
    await screenshot(admin, '15-organization-page');
    await expectAccessible(admin);
  }, 180_000);

  test("an officer submits a month's waste report, then corrects it", async () => {
    const officer = await newPage(true);
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.goto(`${platform.consoleUrl}/waste`);
    const form = officer.getByTestId('waste-form');
    await officer.getByTestId('waste-reports').waitFor();
    const figures: Record<string, string> = {
      general: '100',
      organic: '50',
      recyclable: '20',
      hazardous: '1',
      incinerated: '150',
      landfilled: '10',
      recycled: '10',
      composted: '5',
    };
    await form.locator('input[name=month]').fill('2020-03');
    for (const [field, value] of Object.entries(figures)) await form.locator(`input[name=${field}]`).fill(value);
    await form.getByRole('button', { name: th.waste.submit }).click();
    expect(await form.locator('#composted-error').textContent()).toBe(th.validation.wasteAgreement);
    await form.locator('input[name=composted]').fill('1');
    await screenshot(officer, '16-waste-form');
    await form.getByRole('button', { name: th.waste.submit }).click();
    const row = officer.locator('[data-testid=waste-row][data-month="2020-03"]');
    await row.waitFor();
    expect(await row.getByTestId('revision').textContent()).toBe('1');
    expect(await row.getByTestId('total').textContent()).toBe('171.000 ตัน');
    await expectAccessible(officer);

    await row.getByRole('button', { name: th.waste.correct }).click();
    await form.getByRole('heading', { name: th.waste.correctTitle }).waitFor();
    expect(await form.locator('input[name=general]').inputValue()).toBe('100.000');
    await form.locator('input[name=general]').fill('110');
    await form.locator('input[name=incinerated]').fill('160');
    await form.getByRole('button', { name: th.waste.correct }).click();
    expect(
      await waitFor(
        () => row.getByTestId('revision').textContent(),
        (value) => value === '2',
        15_000,
      ),
    ).toBe('2');
    expect(await row.getByTestId('total').textContent()).toBe('181.000 ตัน');
    expect(await officer.getByTestId('waste-saved').textContent()).toContain('(ฉบับที่ 2)');
    await screenshot(officer, '17-waste-corrected');
  }, 120_000);

  test("the lead officer records a conflict's mediation session", async () => {
    const admin = await platform.token('NETWORK_ADMIN');
    const officerToken = await platform.token('LGO_OFFICER', 'PATONG');
    const patong = await platform.graphql<{ organizationByCode: { id: string } }>(
      `{ organizationByCode(code: "PATONG") { id } }`,
      {},
    );
    const opened = await platform.graphql<{ openCase: { trackingCode: string; case: { id: string } } }>(
      `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode case { id } } }`,
      {
        input: {
          kind: 'CONFLICT',
          category: 'LAND_DISPUTE',
          channel: 'WALK_IN',
          title: 'ข้อพิพาทแนวเขตที่ดินริมคลอง',
          description: 'เพื่อนบ้านสองรายโต้แย้งแนวรั้ว',
          location: { lat: 7.8935, lng: 98.2975 },
          reporter: { name: 'ผู้ร้อง', phone: '076 123 456' },
        },
      },
      admin,
    );
    const id = opened.openCase.case.id;
    await platform.graphql(
      `mutation ($id: ID!, $input: TriageCaseInput!) { triageCase(id: $id, input: $input) { id } }`,
      { id, input: { priority: 'NORMAL', leadOrganizationId: patong.organizationByCode.id } },
      admin,
    );
    await platform.graphql(`mutation ($id: ID!) { acceptCase(id: $id) { id } }`, { id }, officerToken);
    await platform.graphql(`mutation ($id: ID!) { startMediation(id: $id) { id } }`, { id }, officerToken);

    const officer = await newPage();
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.waitForURL('**/inbox');
    await officer
      .locator(`[data-testid=inbox-row][data-tracking-code="${opened.openCase.trackingCode}"]`)
      .getByRole('button')
      .click();
    const form = officer.getByTestId('mediation-form');
    await form.getByRole('button', { name: th.mediation.record }).click();
    expect(await form.locator('#mediator-error').textContent()).toBe(th.validation.mediator);
    await form.locator('input[name=heldAt]').fill('2026-01-15T10:00');
    await form.locator('input[name=mediator]').fill('ศูนย์ไกล่เกลี่ยข้อพิพาท อบจ.');
    await form.locator('textarea[name=attendees]').fill('ผู้ร้อง\nผู้ถูกร้อง');
    await screenshot(officer, '18-mediation-form');
    await form.getByRole('button', { name: th.mediation.record }).click();
    const sessions = officer.getByTestId('mediation-sessions');
    await sessions.waitFor();
    expect(await sessions.textContent()).toContain('ศูนย์ไกล่เกลี่ยข้อพิพาท อบจ.');
    await expectAccessible(officer);
    await screenshot(officer, '19-mediation-recorded');
  }, 120_000);
});

describe('routing by tambon, the reasons a case waits, and referrals outside the network', () => {
  test("a citizen's report from Patong's tambon reaches Patong's inbox without triage; the officer refers it and records the reply", async () => {
    const citizen = await newPage(true);
    await citizen.goto(`${platform.consoleUrl}/report`);
    await citizen.locator('select[name=category]').selectOption('ENVIRONMENT');
    await citizen.locator('input[name=title]').fill('กลิ่นเหม็นจากบ่อบำบัดน้ำเสียซอยบางลา');
    await citizen.locator('textarea[name=description]').fill('ส่งกลิ่นทุกเย็นมาหนึ่งสัปดาห์');
    await citizen.locator('input[name=lat]').fill('7.8935');
    await citizen.locator('input[name=lng]').fill('98.2975');
    // The tambons come from the cases service; Patong is in Kathu district.
    await citizen.locator('select[name=subdistrict] option[value="830202"]').waitFor({ state: 'attached' });
    await citizen.locator('select[name=subdistrict]').selectOption('830202');
    await citizen.locator('input[name=phone]').fill('081 234 5678');
    await expectAccessible(citizen);
    await screenshot(citizen, '20-citizen-report-tambon');
    await citizen.locator('button[type=submit]').click();
    const trackingCode = (await citizen.getByTestId('tracking-code').textContent())!.trim();

    const officer = await newPage();
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.waitForURL('**/inbox');
    await officer.locator(`[data-testid=inbox-row][data-tracking-code="${trackingCode}"]`).getByRole('button').click();
    const detail = officer.getByTestId('case-detail');
    expect(await detail.getByTestId('case-status').textContent()).toBe(th.status.TRIAGED);
    const referrals = detail.getByTestId('external-referrals');
    await referrals.getByRole('button', { name: th.referral.refer }).click();
    expect(await referrals.locator('#externalBody-error').textContent()).toBe(th.validation.required);
    await referrals.locator('select[name=externalBody]').selectOption('ONEP-REO15');
    await referrals.locator('input[name=referralReference]').fill('ทส-0412/2569');
    await referrals.getByRole('button', { name: th.referral.refer }).click();
    const referral = referrals.locator('[data-testid=external-referral][data-body="ONEP-REO15"]');
    await referral.waitFor();
    expect(await referral.textContent()).toContain(th.referral.waiting);
    await screenshot(officer, '21-officer-referral');
    await expectAccessible(officer);
    await referral.locator('input[name=reply]').fill('ตรวจวัดแล้ว สั่งให้ปรับปรุงระบบบำบัดภายใน 30 วัน');
    await referral.getByRole('button', { name: th.referral.recordReply }).click();
    await referral.getByTestId('referral-reply').waitFor();
    expect(await referral.getByTestId('referral-reply').textContent()).toContain('สั่งให้ปรับปรุงระบบบำบัด');

    // Nothing of it waits in the coordinator's queue.
    const admin = await newPage();
    await signIn(admin, platform.consoleUrl, 'NETWORK_ADMIN');
    await admin.goto(`${platform.consoleUrl}/triage`);
    await admin.getByRole('heading', { level: 1, name: th.triage.title }).waitFor();
    await admin.locator('[data-testid=triage-card], .empty').first().waitFor();
    expect(await admin.locator(`[data-testid=triage-card][data-tracking-code="${trackingCode}"]`).count()).toBe(0);
  }, 180_000);

  test('a case from a tambon two organizations share waits in the triage queue, saying why', async () => {
    const opened = await platform.graphql<{ openCase: { trackingCode: string } }>(
      `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode } }`,
      {
        input: {
          kind: 'GRIEVANCE',
          category: 'WASTE',
          channel: 'WEB',
          title: 'ขยะตกค้างหน้าอนุสาวรีย์ท้าวเทพกระษัตรี',
          description: 'ไม่มีการเก็บมาสี่วัน',
          location: { lat: 8.0335, lng: 98.3383, subdistrict: '830301' },
          reporter: { name: 'ผู้แจ้ง', phone: '076 123 456' },
        },
      },
    );
    const triage = await newPage();
    await signIn(triage, platform.consoleUrl, 'NETWORK_ADMIN');
    await triage.goto(`${platform.consoleUrl}/triage`);
    const card = triage.locator(`[data-testid=triage-card][data-tracking-code="${opened.openCase.trackingCode}"]`);
    await card.waitFor();
    const reason = card.getByTestId('routing-exception');
    expect(await reason.getAttribute('data-reason')).toBe('AMBIGUOUS_AREA');
    expect(await reason.textContent()).toContain(th.routingException.AMBIGUOUS_AREA);
    await screenshot(triage, '22-triage-reason');
    await expectAccessible(triage);
  }, 120_000);
});

describe("the network's meetings and accumulated funds", () => {
  // The seed's 2016 workshop: its second resolution asks each LGO to submit its FY2561 projects (all still open, overdue).
  const SUBMIT_FY2561 = 'Submit the FY2561 projects for coordination with the PAO';
  const openPatongAction = (page: Page) =>
    page
      .getByTestId('open-actions')
      .locator('[data-testid=follow-up-action][data-code=PATONG]', { hasText: SUBMIT_FY2561 });

  test("the coordinator sees the workshop's resolutions and the open actions; Patong's officer marks its action done and the open actions no longer list it", async () => {
    const admin = await newPage();
    await signIn(admin, platform.consoleUrl, 'NETWORK_ADMIN');
    await admin.goto(`${platform.consoleUrl}/meetings`);
    const workshop = admin.locator('[data-testid=meeting][data-kind=WORKSHOP]');
    await workshop.waitFor();
    expect(await workshop.getByTestId('resolution').count()).toBe(2);
    expect(await workshop.getByTestId('meeting-organizations').textContent()).toContain('ป่าตอง');
    await openPatongAction(admin).waitFor();
    expect(await openPatongAction(admin).getAttribute('data-overdue')).toBe('true');
    expect(await openPatongAction(admin).getByTestId('overdue').textContent()).toBe(th.meetings.overdue);
    const overdueFlags = await admin
      .getByTestId('open-actions')
      .locator('[data-testid=follow-up-action]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-overdue')));
    expect(overdueFlags.length).toBeGreaterThan(0);
    expect(overdueFlags).toEqual([...overdueFlags].sort().reverse()); // overdue ('true') first
    await screenshot(admin, '20-meetings-coordinator');
    await expectAccessible(admin);

    const officer = await newPage();
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.goto(`${platform.consoleUrl}/meetings`);
    const ours = officer.getByTestId('our-actions');
    await ours.waitFor();
    const codes = await ours
      .locator('[data-testid=follow-up-action]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
    expect(new Set(codes)).toEqual(new Set(['PATONG']));
    const action = ours.locator('[data-testid=follow-up-action]', { hasText: SUBMIT_FY2561 });
    expect(await action.getByTestId('action-status').textContent()).toBe(th.actionStatus.OPEN);
    expect(await action.getByRole('button', { name: th.actionMove.CANCELLED }).count()).toBe(0);
    await screenshot(officer, '21-meetings-officer');
    await expectAccessible(officer);
    await action.getByRole('button', { name: th.actionMove.DONE }).click();
    expect(
      await waitFor(
        () => action.getByTestId('action-status').textContent(),
        (value) => value === th.actionStatus.DONE,
        15_000,
      ),
    ).toBe(th.actionStatus.DONE);
    expect(await action.getByRole('button').count()).toBe(0);
    await screenshot(officer, '22-meetings-officer-done');

    await admin.reload();
    await admin.getByTestId('open-actions').waitFor();
    expect(await openPatongAction(admin).count()).toBe(0);
    await screenshot(admin, '23-meetings-coordinator-after');
  }, 120_000);

  test("the organization page shows the organization's accumulated-funds ledger once it is reported, and its officers see their own on their projects page", async () => {
    const admin = await newPage();
    await signIn(admin, platform.consoleUrl, 'NETWORK_ADMIN');
    await admin.goto(`${platform.consoleUrl}/organizations/PATONG`);
    await admin.getByTestId('organization-budget').waitFor();
    // This platform's planning service is not seeded: no organization has reported its funds yet.
    expect(await admin.getByTestId('organization-funds').count()).toBe(0);
    expect(await admin.getByText(th.organization.fundsNotReported).count()).toBe(1);
    const officer = await newPage();
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.goto(`${platform.consoleUrl}/projects`);
    await officer.getByText(th.organization.fundsNotReported).waitFor();
    expect(await officer.getByTestId('organization-funds').count()).toBe(0);
    const patong = await platform.graphql<{ organizationByCode: { id: string } }>(
      `{ organizationByCode(code: "PATONG") { id } }`,
      {},
    );
    await platform.graphql(
      `mutation ($input: AccumulatedFundsReportInput!) { reportAccumulatedFunds(input: $input) { available } }`,
      {
        input: {
          organizationId: patong.organizationByCode.id,
          reportedOn: '2025-09-30',
          balance: '120000000.00',
          monthlyPersonnelCost: '3000000.00',
          annualBudget: '250000000.00',
        },
      },
      await platform.token('LGO_OFFICER', 'PATONG'),
    );
    await admin.reload();
    const funds = admin.getByTestId('organization-funds');
    await funds.waitFor();
    const text = await funds.textContent();
    // The reserves the regulation's defaults ask: 3 months of personnel costs, 10 % of the annual budget.
    for (const amount of ['120,000,000.00 บาท', '9,000,000.00 บาท', '25,000,000.00 บาท'])
      expect(text).toContain(amount);
    expect(await admin.getByTestId('funds-available').textContent()).toMatch(/^-?[\d,]+\.\d{2} บาท$/);
    await screenshot(admin, '24-organization-funds');
    await expectAccessible(admin);

    // Patong's officer reads Patong's ledger beside its projects: the figures approving a project is checked against.
    await officer.reload();
    const own = officer.getByTestId('organization-funds');
    await own.waitFor();
    expect(await own.textContent()).toBe(text);
    await screenshot(officer, '24b-projects-officer-funds');
    await expectAccessible(officer);
    // Another organization's officer sees their own organization's (not reported), never Patong's.
    const kathu = await newPage();
    await signIn(kathu, platform.consoleUrl, 'LGO_OFFICER', 'KATHU');
    await kathu.goto(`${platform.consoleUrl}/projects`);
    await kathu.getByText(th.organization.fundsNotReported).waitFor();
    expect(await kathu.getByTestId('organization-funds').count()).toBe(0);
  }, 90_000);
});

describe('the waste reporting process, and word back to people', () => {
  test("the coordinator returns an officer's report with a reason; the officer sees it returned and what is missing", async () => {
    const officerToken = await platform.token('LGO_OFFICER', 'PATONG');
    const patong = await platform.graphql<{ organizationByCode: { id: string } }>(
      `{ organizationByCode(code: "PATONG") { id } }`,
      {},
    );
    const organizationId = patong.organizationByCode.id;
    await platform.graphql(
      `mutation ($input: WasteReportInput!) { submitWasteReport(input: $input) { id } }`,
      {
        input: {
          organizationId,
          month: '2020-06',
          byStream: { general: '90', organic: '40', recyclable: '20', hazardous: '1' },
          byDestination: { incinerated: '120', landfilled: '15', recycled: '10', composted: '6' },
        },
      },
      officerToken,
    );

    // Missing months need Patong's MOU target, which reaches waste-metrics from the registry's events:
    // the page is read once it has (a page read earlier would rightly list nothing missing).
    const adminToken = await platform.token('NETWORK_ADMIN');
    await waitFor(
      () =>
        platform.graphql<{ missingWasteReports: Array<{ month: string }> }>(
          `query ($id: ID) { missingWasteReports(organizationId: $id) { month } }`,
          { id: organizationId },
          adminToken,
        ),
      (answer) => answer.missingWasteReports.length > 0,
      60_000,
      250,
    );
    const admin = await newPage();
    await signIn(admin, platform.consoleUrl, 'NETWORK_ADMIN');
    await admin.goto(`${platform.consoleUrl}/waste`);
    await admin.locator('select[name=organization]').selectOption(organizationId);
    const row = admin.locator('[data-testid=review-row][data-org=PATONG][data-month="2020-06"]');
    await row.waitFor();
    expect(await row.getByTestId('review-status').getAttribute('data-status')).toBe('SUBMITTED');
    // The province's missing months list Patong's (its MOU target has reached waste-metrics, above).
    const provinceMissing = admin.getByTestId('missing-reports');
    const patongMissing = provinceMissing.locator('[data-testid=missing-row][data-org=PATONG]');
    await patongMissing.or(provinceMissing.locator('[role=alert]')).first().waitFor();
    const alert = provinceMissing.locator('[role=alert]');
    if ((await alert.count()) > 0)
      throw new Error(
        `missing months: API error ${await alert.getAttribute('data-code')}: ${await alert.textContent()}`,
      );
    expect(await patongMissing.count()).toBeGreaterThan(0);
    await expectAccessible(admin);
    await row.getByRole('button', { name: th.waste.return }).click();
    const form = admin.getByTestId('return-form');
    await form.getByRole('button', { name: th.waste.return }).click();
    expect(await form.locator('#reason-error').textContent()).toBe(th.validation.returnReason);
    const reason = 'ขยะอินทรีย์สูงผิดปกติ โปรดตรวจสอบตัวเลข';
    await form.locator('textarea[name=reason]').fill(reason);
    await screenshot(admin, '22-waste-return-reason');
    await form.getByRole('button', { name: th.waste.return }).click();
    expect(
      await waitFor(
        () => row.getByTestId('review-status').getAttribute('data-status'),
        (value) => value === 'RETURNED',
        15_000,
      ),
    ).toBe('RETURNED');
    await screenshot(admin, '23-waste-returned');

    const officer = await newPage();
    await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
    await officer.goto(`${platform.consoleUrl}/waste`);
    const returned = officer.locator('[data-testid=waste-row][data-month="2020-06"]');
    await returned.waitFor();
    expect(await returned.getByTestId('review-status').textContent()).toContain(th.waste.status.RETURNED);
    expect(await returned.getByTestId('return-reason').textContent()).toContain(reason);
    const missing = officer.getByTestId('missing-row').first();
    const month = await missing.getAttribute('data-month');
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    await missing.getByRole('button').click();
    expect(await officer.getByTestId('waste-form').locator('input[name=month]').inputValue()).toBe(month);
    await expectAccessible(officer);
    await screenshot(officer, '24-waste-officer-sees-returned');
  }, 120_000);

  test('a citizen asks to hear of their case by e-mail on the Follow page', async () => {
    const opened = await platform.graphql<{ openCase: { trackingCode: string; reporterSecret: string } }>(
      `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode reporterSecret } }`,
      {
        input: {
          kind: 'GRIEVANCE',
          category: 'WASTE',
          channel: 'WEB',
          title: 'ขยะริมหาดกะรน',
          description: 'ขยะกองริมหาด',
          location: { lat: 7.8465, lng: 98.2945 },
          reporter: { name: 'ผู้แจ้งริมหาด', phone: '081 111 2222' },
        },
      },
    );
    const citizen = await newPage(true);
    await citizen.goto(`${platform.consoleUrl}/follow`);
    await citizen.locator('input[name=code]').fill(opened.openCase.trackingCode);
    await citizen.locator('input[name=secret]').fill(opened.openCase.reporterSecret);
    await citizen.locator('form button[type=submit]').first().click();
    const subscription = citizen.getByTestId('case-subscription');
    await subscription.waitFor();
    expect(await subscription.locator('#subscription-notice').textContent()).toBe(th.follow.emailNotice);
    await subscription.getByRole('button', { name: th.follow.subscribe }).click();
    expect(await subscription.locator('#subscription-email-error').textContent()).toBe(th.validation.required);
    await subscription.locator('input[name=email]').fill('somchai@example.co.th');
    await subscription.locator('select[name=language]').selectOption('EN');
    await expectAccessible(citizen);
    await screenshot(citizen, '25-follow-by-email');
    await subscription.getByRole('button', { name: th.follow.subscribe }).click();
    expect(await citizen.getByTestId('case-subscribed').textContent()).toBe(th.follow.subscribed);
    await screenshot(citizen, '26-follow-subscribed');
  }, 120_000);

  test('an officer adds a signed webhook (its secret shown once), sends a dead letter again and removes it', async () => {
    // The organization's own system: refuses the first notification, accepts the next.
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      received.push(String(request.headers['x-pcc-event-type']));
      request.resume();
      response.writeHead(received.length === 1 ? 500 : 200).end();
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      const officer = await newPage();
      await signIn(officer, platform.consoleUrl, 'LGO_OFFICER', 'PATONG');
      await officer.goto(`${platform.consoleUrl}/notifications`);
      const form = officer.getByTestId('webhook-form');
      await form.locator('input[name=url]').fill('http://hooks.example.com/pcc');
      await form.getByRole('button', { name: th.notifications.add }).click();
      expect(await form.locator('#url-error').textContent()).toBe(th.validation.webhookUrl);
      await form.locator('input[name=url]').fill(url);
      await form.getByRole('button', { name: th.notifications.add }).click();
      const secret = officer.getByTestId('webhook-secret');
      await secret.waitFor();
      expect(await secret.textContent()).toContain(th.notifications.secretWarning);
      expect((await secret.locator('code').textContent())!.length).toBeGreaterThan(20);
      const row = officer.locator('[data-testid=subscription-row]', { hasText: url });
      await row.waitFor();
      await expectAccessible(officer);
      await screenshot(officer, '27-notifications-webhook-secret');

      // A case assigned to Patong: its notification fails once and becomes a dead-letter record.
      const officerToken = await platform.token('LGO_OFFICER', 'PATONG');
      const patong = await platform.graphql<{ organizationByCode: { id: string } }>(
        `{ organizationByCode(code: "PATONG") { id } }`,
        {},
      );
      const opened = await platform.graphql<{ openCase: { case: { id: string } } }>(
        `mutation ($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
        {
          input: {
            kind: 'GRIEVANCE',
            category: 'ROAD',
            channel: 'LINE',
            title: 'ไฟถนนดับซอยนานาชาติ',
            description: 'ไฟถนนดับทั้งซอย',
            location: { lat: 7.8935, lng: 98.2975 },
            reporter: { name: 'ผู้แจ้งซอยนานาชาติ', phone: '076 222 333' },
          },
        },
      );
      const caseId = opened.openCase.case.id;
      await platform.graphql(
        `mutation ($id: ID!, $input: TriageCaseInput!) { triageCase(id: $id, input: $input) { id } }`,
        { id: caseId, input: { priority: 'NORMAL', leadOrganizationId: patong.organizationByCode.id } },
        await platform.token('NETWORK_ADMIN'),
      );
      await platform.graphql(`mutation ($id: ID!) { acceptCase(id: $id) { id } }`, { id: caseId }, officerToken);
      const subscriptions = await platform.graphql<{
        notificationSubscriptions: Array<{ id: string; target: string }>;
      }>(
        `query ($organizationId: ID) { notificationSubscriptions(organizationId: $organizationId) { id target } }`,
        { organizationId: patong.organizationByCode.id },
        officerToken,
      );
      const subscriptionId = subscriptions.notificationSubscriptions.find((found) => found.target === url)!.id;
      const dead = await waitFor(
        async () =>
          (
            await platform.graphql<{ notificationDeliveries: unknown[] }>(
              `query ($id: ID!) { notificationDeliveries(subscriptionId: $id, status: DEAD) { id } }`,
              { id: subscriptionId },
              officerToken,
            )
          ).notificationDeliveries.length,
        (count) => count === 1,
        30_000,
      );
      expect(dead).toBe(1);

      await row.getByRole('button', { name: th.notifications.deadLetters }).click();
      const deadRow = officer.getByTestId('dead-row');
      await deadRow.waitFor();
      expect(await deadRow.textContent()).toContain('pcc.case.assigned');
      await expectAccessible(officer);
      await screenshot(officer, '28-notifications-dead-letter');
      await deadRow.getByRole('button', { name: th.notifications.redeliver }).click();
      expect(
        await waitFor(
          async () => received.length,
          (count) => count === 2,
          30_000,
        ),
      ).toBe(2);
      expect(received).toEqual(['pcc.case.assigned', 'pcc.case.assigned']);

      await row.getByRole('button', { name: th.notifications.remove }).click();
      expect(
        await waitFor(
          () => row.getAttribute('data-active'),
          (value) => value === 'false',
          15_000,
        ),
      ).toBe('false');
      await screenshot(officer, '29-notifications-removed');
    } finally {
      receiver.close();
    }
  }, 120_000);
});
