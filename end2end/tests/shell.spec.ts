// The app shell: Thai-first page, header and footer, self-hosted Thai font, and the first island (text size).
import { expect, test } from '@playwright/test';
import { PRODUCT, language } from '../pages/language';
import { OFFICERS_PAGE_TEXT, OfficersPage } from '../pages/officers-page';

test('the root address leads to the officers page with the product name and the DGA Contact Center', async ({ page }) => {
  const officers = new OfficersPage(page);
  await officers.goto('/');
  await expect(page).toHaveURL(/\/backend$/);
  await expect(page.locator('html')).toHaveAttribute('lang', language());
  await expect(page).toHaveTitle(`${OFFICERS_PAGE_TEXT.heading} – ${PRODUCT.name}`);
  await expect(officers.heading).toBeVisible();
  await expect(officers.productLink).toHaveAttribute('href', '/backend');
  await expect(officers.accessRules).toContainText(OFFICERS_PAGE_TEXT.centralOfficersGetTokens);
  await expect(officers.contactCenterPhone).toHaveAttribute('href', 'tel:+6626126060');
});

test('Thai text is drawn with the self-hosted Sarabun font', async ({ page }) => {
  const officers = new OfficersPage(page);
  const fontResponse = page.waitForResponse((response) => response.url().endsWith('/fonts/sarabun-thai-400-normal.woff2'));
  await officers.goto();
  const font = await fontResponse;
  expect(font.status()).toBe(200);
  await expect(officers.heading).toHaveCSS('font-family', /^"?Sarabun/);
  // The Thai face is not only fetched but used: the browser reports it loaded for the page's text.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].some((face) => face.family.includes('Sarabun') && face.status === 'loaded' && face.unicodeRange.includes('E01'));
      }),
    )
    .toBe(true);
});

test('the text-size control appears and works only once the page is hydrated', async ({ page, javaScriptEnabled }) => {
  const officers = new OfficersPage(page);
  await officers.goto();
  expect(await officers.rootFontSize()).toBe('16px');
  if (!javaScriptEnabled) {
    // Without JavaScript the control would do nothing, so it is never shown.
    await expect(officers.textSizeGroup).toBeHidden();
    return;
  }
  await expect(officers.textSizeGroup).toBeVisible();
  await expect(officers.defaultText).toHaveAttribute('aria-pressed', 'true');
  await officers.largerText.click();
  await expect(officers.largerText).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => officers.rootFontSize()).toBe('20px');
  // The choice is remembered on the next page load.
  await officers.goto();
  await expect(officers.largerText).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => officers.rootFontSize()).toBe('20px');
});

test('an unknown address gets the not-found page, in the page language, with status 404', async ({ page }) => {
  const response = await page.goto('/backend/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: OFFICERS_PAGE_TEXT.notFound })).toBeVisible();
  await page.getByRole('link', { name: OFFICERS_PAGE_TEXT.backToOfficersPage }).click();
  await expect(new OfficersPage(page).heading).toBeVisible();
});

test('nothing overflows sideways at a 360 px phone width', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const officers = new OfficersPage(page);
  await officers.goto();
  await expect(officers.heading).toBeVisible();
  const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the WASM, JS and CSS bundles are served precompressed with brotli and revalidated, not served stale', async ({ request }) => {
  for (const path of ['/pkg/info-backoffice.wasm', '/pkg/info-backoffice.js', '/pkg/info-backoffice.css']) {
    const response = await request.get(path, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-encoding'], path).toBe('br');
    expect(response.headers()['cache-control'], path).toBe('no-cache');
    // Revalidation is cheap: an unchanged file answers 304 without a body.
    const again = await request.get(path, {
      headers: { 'accept-encoding': 'br, gzip', 'if-modified-since': response.headers()['last-modified'] },
    });
    expect(again.status(), path).toBe(304);
  }
});
