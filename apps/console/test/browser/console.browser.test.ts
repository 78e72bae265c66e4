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

  test('the citizen follows the code, sees it resolved and rates it', async () => {
    const citizen = await newPage(true);
    await citizen.goto(`${platform.consoleUrl}/follow`);
    await citizen.locator('input[name=code]').fill(trackingCode);
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
    await officer.locator('table').waitFor();
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
