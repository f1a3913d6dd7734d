// Screenshots of the administration pages at desktop and phone widths, in Thai, for looking at them (not a test).
// `scripts/admin-screenshots.sh` starts a server with throw-away databases holding what this needs — the
// simulator's demo accounts, the sample tree, `new.officer` as Contact Center staff at DGA-CC, `central.officer` as
// DOPA's central officer and `service.officer` at a DOPA service point — and then runs it.
// Usage (that server running): node end2end/screenshots-admin.mjs [out-dir]
import { chromium } from '@playwright/test';

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const [outDir = 'target/screenshots'] = process.argv.slice(2);
const PASSWORD = 'Demo-Digital-ID-2569';
const widths = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

async function signIn(page, username) {
  await page.goto(`${baseURL}/backend/sign-in`);
  await page.getByRole('main').getByRole('button', { name: 'Digital ID', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/Account/Login' || url.pathname === '/consent' || url.port === '3000');
  if (new URL(page.url()).pathname === '/Account/Login') {
    await page.getByLabel('ชื่อบัญชีผู้ใช้ หรือ เลขบัตรประจำตัวประชาชน').fill(username);
    await page.getByLabel('รหัสผ่าน', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL((url) => url.pathname === '/consent' || url.pathname.startsWith('/backend'));
  }
  if (new URL(page.url()).pathname === '/consent') {
    await page.getByRole('button', { name: 'ยินยอม', exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/backend'));
  }
}

async function shot(page, name, width) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  const file = `${outDir}/admin-${name}-${width}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}

for (const [width, viewport] of Object.entries(widths)) {
  const staff = await (await browser.newContext({ viewport, locale: 'th-TH' })).newPage();
  await signIn(staff, 'new.officer');
  await staff.goto(`${baseURL}/backend/home`);
  await shot(staff, 'home-contact-center', width);
  await staff.goto(`${baseURL}/backend/units`);
  await shot(staff, 'units', width);
  await staff.goto(`${baseURL}/backend/tokens`);
  await staff.getByRole('button', { name: 'ออก Token', exact: true }).click();
  await shot(staff, 'tokens-refused-form', width);

  const central = await (await browser.newContext({ viewport, locale: 'th-TH' })).newPage();
  await signIn(central, 'central.officer');
  await central.goto(`${baseURL}/backend/tokens`);
  await central.getByLabel('บทบาท', { exact: true }).selectOption('service_point');
  await central.getByLabel('หน่วยงาน', { exact: true }).selectOption('DOPA-BORA-01');
  await central.getByLabel('เลขประจำตัวประชาชน', { exact: true }).fill('3100400112233');
  await central.getByLabel('ชื่อ - นามสกุล', { exact: true }).fill('นายประเสริฐ เริ่มงาน');
  await central.getByLabel('หนังสือที่ / เลขที่คำขอ', { exact: true }).fill('มท 0309.1/1234');
  await central.getByRole('button', { name: 'ออก Token', exact: true }).click();
  await shot(central, 'token-issued', width);
  await central.emulateMedia({ media: 'print' });
  await shot(central, 'token-issued-print', width);
  await central.emulateMedia({ media: 'screen' });
  await central.goto(`${baseURL}/backend/tokens`);
  await shot(central, 'tokens', width);
  await central.goto(`${baseURL}/backend/accounts`);
  await shot(central, 'accounts', width);
  await central.goto(`${baseURL}/backend/audit`);
  await shot(central, 'audit', width);

  const officer = await (await browser.newContext({ viewport, locale: 'th-TH' })).newPage();
  await signIn(officer, 'service.officer');
  await officer.goto(`${baseURL}/backend/tokens`);
  await shot(officer, 'forbidden', width);
}
await browser.close();
