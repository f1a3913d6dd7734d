// Takes full-page screenshots of pages at desktop and phone widths, hydrated, for looking at them (not a test).
// Usage (server running): node end2end/screenshots.mjs [out-dir] [path ...]
import { chromium } from '@playwright/test';

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const [outDir = 'target/screenshots', ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ['/backend', '/no-such-page'];
const widths = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
for (const [name, viewport] of Object.entries(widths)) {
  const page = await browser.newPage({ viewport, locale: 'th-TH' });
  for (const path of pages) {
    await page.goto(baseURL + path);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready);
    const file = `${outDir}/${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'root'}-${name}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await page.close();
}
await browser.close();
