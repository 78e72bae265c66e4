import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where each browser test leaves its screenshots (CI keeps the folder as an artifact; see README). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/** Debian's Chromium (scripts/lib.sh installs it when missing); Playwright's own download cannot work here. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}

/** Runs axe-core on the page; returns the serious and critical violations (none expected). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run());
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

/** Signs in through the console's development picker, as a person would. */
export async function signIn(page: Page, consoleUrl: string, role: string, org?: string): Promise<void> {
  await page.goto(`${consoleUrl}/signin`);
  await page.locator('select[name=role]').selectOption(role);
  if (org) await page.locator('select[name=org]').selectOption(org);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('who').waitFor();
}
