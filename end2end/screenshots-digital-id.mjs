// Screenshots of the Digital ID simulator's pages (sign-in, registration with errors, consent, signed out) at desktop
// and phone widths, for looking at them (not a test). Usage (server running with the built-in simulator):
//   node end2end/screenshots-digital-id.mjs [out-dir]
import { chromium } from '@playwright/test';

const simulator = process.env.SIMULATOR_URL ?? 'http://127.0.0.1:3002';
const [outDir = 'target/screenshots'] = process.argv.slice(2);
const widths = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } };
const authorize = `${simulator}/connect/authorize?${new URLSearchParams({
  client_id: 'info-backoffice',
  redirect_uri: 'http://127.0.0.1:3000/auth/callback',
  response_type: 'code',
  scope: 'openid user_id citizen_id title given_name family_name phone_number',
  state: 'screenshot',
  nonce: 'screenshot',
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  code_challenge_method: 'S256',
})}`;

/** A made-up citizen ID with a valid check digit. */
function citizenId() {
  const digits = [1 + Math.floor(Math.random() * 8)];
  while (digits.length < 12) digits.push(Math.floor(Math.random() * 10));
  const sum = digits.reduce((total, digit, i) => total + digit * (13 - i), 0);
  return digits.join('') + String((11 - (sum % 11)) % 10);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
for (const [name, viewport] of Object.entries(widths)) {
  const page = await browser.newPage({ viewport, locale: 'th-TH' });
  const shot = async (label) => {
    await page.evaluate(() => document.fonts.ready);
    const file = `${outDir}/digital-id-${label}-${name}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  };
  const suffix = Math.random().toString(36).slice(2, 8);
  await page.goto(authorize);
  await shot('sign-in');
  await page.getByLabel('ชื่อบัญชีผู้ใช้ หรือ เลขบัตรประจำตัวประชาชน').fill('nobody');
  await page.getByLabel('รหัสผ่าน', { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await shot('sign-in-failed');
  await page.getByRole('link', { name: 'ลงทะเบียน', exact: true }).click();
  await shot('register');
  await page.getByLabel('ชื่อ', { exact: true }).fill('ทดลอง');
  await page.getByLabel('เลขบัตรประจำตัวประชาชน').fill('1101700230705');
  await page.getByLabel('เบอร์โทรศัพท์มือถือ').fill('0212345678');
  await page.getByLabel('ชื่อบัญชีผู้ใช้', { exact: true }).fill(`shot.${suffix}`);
  await page.getByLabel('รหัสผ่าน', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'ลงทะเบียน' }).click();
  await shot('register-errors');
  const password = `Screenshot-${suffix}-pass`;
  await page.getByLabel('คำนำหน้าชื่อ').selectOption('นาย');
  await page.getByLabel('นามสกุล', { exact: true }).fill('ภาพหน้าจอ');
  await page.getByLabel('เลขบัตรประจำตัวประชาชน').fill(citizenId());
  await page.getByLabel('เบอร์โทรศัพท์มือถือ').fill('0812345678');
  await page.getByLabel('รหัสผ่าน', { exact: true }).fill(password);
  await page.getByLabel('ยืนยันรหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'ลงทะเบียน' }).click();
  await shot('sign-in-registered');
  await page.getByLabel('ชื่อบัญชีผู้ใช้ หรือ เลขบัตรประจำตัวประชาชน').fill(`shot.${suffix}`);
  await page.getByLabel('รหัสผ่าน', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await shot('consent');
  await page.goto(`${simulator}/connect/endsession`);
  await shot('signed-out');
  await page.close();
}
await browser.close();
