// The check every page of the e2e suite goes through: axe-core's rules for WCAG 2.0 and 2.1, levels A and AA
// (Thailand's web accessibility standard follows WCAG), with no violation allowed and no rule switched off — at a
// desktop width and again at a 360 px phone width, where nothing may scroll sideways either. With
// DESIGN_SCREENSHOTS=<folder> each check also saves what it checked, for docs/DESIGN.md
// (`scripts/design-screenshots.sh`).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { language } from './language';

/** axe-core's tags for the success criteria of WCAG 2.1 level AA (2.1 adds to 2.0; AA includes A). */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };
/** How many viewport heights a screenshot shows at most. */
const SCREENS_AT_MOST = 3;

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ` +
      violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join(' | '),
  );
  expect(violations, `axe (WCAG 2.1 AA) on ${what} at ${page.url()}`).toEqual([]);
}

/** What the check saves for docs/DESIGN.md: both languages, or Thai only for the simulator's Thai-only pages. */
export type Screenshots = 'both-languages' | 'thai-only';

async function saveScreenshot(page: Page, name: string, size: 'desktop' | 'phone', screenshots: Screenshots) {
  const folder = process.env.DESIGN_SCREENSHOTS;
  if (!folder || !test.info().project.use.javaScriptEnabled) return;
  if (screenshots === 'thai-only' && language() !== 'th') return;
  const file = path.join(folder, language(), `${name}-${size}.jpg`);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  // The whole page, but no taller than a few screens: the long lists (the organisation tree, the audit log) are
  // shown by their top.
  const { width, height } = page.viewportSize() ?? DESKTOP;
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  const clip = { x: 0, y: 0, width, height: Math.min(pageHeight, height * SCREENS_AT_MOST) };
  await page.screenshot({ path: file, fullPage: true, clip, type: 'jpeg', quality: 60, animations: 'disabled' });
}

/**
 * Checks the page as it is now (open menus, error summaries and all) at desktop and phone widths; `name` says which
 * page and state it is (also the screenshot's file name: lower case and dashes).
 */
export async function checkPage(page: Page, name: string, screenshots: Screenshots = 'both-languages') {
  const viewport = page.viewportSize();
  await page.setViewportSize(DESKTOP);
  await expectNoViolations(page, `${name} (desktop)`);
  await saveScreenshot(page, name, 'desktop', screenshots);
  await page.setViewportSize(PHONE);
  await expectNoViolations(page, `${name} (360 px)`);
  const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  expect(overflow, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
  await saveScreenshot(page, name, 'phone', screenshots);
  if (viewport) await page.setViewportSize(viewport);
}
