// Page objects: the Digital ID simulator's sign-in, registration, consent, assurance and sign-out confirmation
// pages (http://127.0.0.1:3002).
import { expect, type Locator, type Page } from '@playwright/test';

// Other addresses (a second server on free ports): SIMULATOR_URL and BASE_URL, as playwright.config.ts reads it.
export const SIMULATOR = process.env.SIMULATOR_URL ?? 'http://127.0.0.1:3002';
export const BACK_OFFICE = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

/** The simulator's assurance page, where an account raises its identity assurance level (IAL). */
export const ASSURANCE_PAGE = `${SIMULATOR}/Account/Assurance`;
/** A laser code the simulated DOPA accepts (any well-formed one but `REFUSED_LASER_CODE`). */
export const LASER_CODE = 'JT0-1234567-89';
/** The laser code the simulated DOPA refuses ("does not match the civil registry"). */
export const REFUSED_LASER_CODE = 'JT0-0000000-00';
/** A birth date for laser-code proofing: วว/ดด/ปปปป, year in the Buddhist Era. */
export const BIRTH_DATE = '15/08/2530';

/**
 * Identity proofing at registration: `none` registers at IAL 1.1 (citizen ID not verified); `laser-code` fills the
 * birth date and the ID card's laser code, which the simulated DOPA confirms (IAL 1.3, verified).
 */
export type Proofing = 'none' | 'laser-code';

/** A made-up 13-digit citizen ID; `valid` decides whether its check digit is right. */
export function citizenId(valid = true): string {
  const digits = [1 + Math.floor(Math.random() * 8)];
  while (digits.length < 12) digits.push(Math.floor(Math.random() * 10));
  const sum = digits.reduce((total, digit, i) => total + digit * (13 - i), 0);
  const check = (11 - (sum % 11)) % 10;
  return digits.join('') + String(valid ? check : (check + 1) % 10);
}

export interface NewAccount {
  title: string;
  givenName: string;
  familyName: string;
  citizenId: string;
  phone: string;
  username: string;
  password: string;
  /** Identity proofing at registration; `none` when left out. */
  proofing?: Proofing;
  /** The laser code for `laser-code` proofing; `LASER_CODE` when left out. */
  laserCode?: string;
}

export function newAccount(): NewAccount {
  const suffix = Math.random().toString(36).slice(2, 10);
  return {
    title: 'นางสาว',
    givenName: 'ทดลอง',
    familyName: 'ลงทะเบียน',
    citizenId: citizenId(),
    phone: '081-234-5678',
    username: `officer.${suffix}`,
    password: `Passphrase-${suffix}`,
  };
}

/**
 * An authorization request from the back office's registered client, as the back office will send it
 * (PKCE S256 with RFC 7636's example pair; the simulator only checks its shape here).
 */
export function authorizeUrl(state: string): string {
  const params = new URLSearchParams({
    client_id: 'info-backoffice',
    redirect_uri: `${BACK_OFFICE}/auth/callback`,
    response_type: 'code',
    scope: 'openid user_id citizen_id title given_name family_name phone_number',
    state,
    nonce: `nonce-${state}`,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  return `${SIMULATOR}/connect/authorize?${params}`;
}

export class SignInPage {
  readonly heading: Locator;
  readonly login: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly registerLink: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'เข้าสู่ระบบ Digital ID' });
    this.login = page.getByLabel('ชื่อบัญชีผู้ใช้ หรือ เลขบัตรประจำตัวประชาชน');
    this.password = page.getByLabel('รหัสผ่าน', { exact: true });
    this.submit = page.getByRole('button', { name: 'เข้าสู่ระบบ' });
    this.registerLink = page.getByRole('link', { name: 'ลงทะเบียน', exact: true });
    this.notice = page.getByRole('status');
  }

  async signIn(login: string, password: string): Promise<void> {
    await this.login.fill(login);
    await this.password.fill(password);
    await this.submit.click();
  }
}

export class RegisterPage {
  readonly heading: Locator;
  readonly title: Locator;
  readonly givenName: Locator;
  readonly familyName: Locator;
  readonly citizenId: Locator;
  readonly phone: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly passwordConfirmation: Locator;
  readonly birthDate: Locator;
  readonly laserCode: Locator;
  readonly submit: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'ลงทะเบียน Digital ID' });
    this.title = page.getByLabel('คำนำหน้าชื่อ');
    this.givenName = page.getByLabel('ชื่อ', { exact: true });
    this.familyName = page.getByLabel('นามสกุล', { exact: true });
    this.citizenId = page.getByLabel('เลขบัตรประจำตัวประชาชน', { exact: true });
    this.birthDate = page.getByLabel('วันเดือนปีเกิด');
    this.laserCode = page.getByLabel('เลขหลังบัตรประจำตัวประชาชน (Laser ID)');
    this.phone = page.getByLabel('เบอร์โทรศัพท์มือถือ');
    this.username = page.getByLabel('ชื่อบัญชีผู้ใช้', { exact: true });
    this.password = page.getByLabel('รหัสผ่าน', { exact: true });
    this.passwordConfirmation = page.getByLabel('ยืนยันรหัสผ่าน');
    this.submit = page.getByRole('button', { name: 'ลงทะเบียน' });
    this.errorSummary = page.getByRole('alert');
  }

  /** Fills every field; with `laser-code` proofing also the birth date and laser code (else they are left empty). */
  async fill(account: NewAccount, proofing: Proofing = account.proofing ?? 'none'): Promise<void> {
    await this.title.selectOption(account.title);
    await this.givenName.fill(account.givenName);
    await this.familyName.fill(account.familyName);
    await this.citizenId.fill(account.citizenId);
    if (proofing === 'laser-code') {
      await this.birthDate.fill(BIRTH_DATE);
      await this.laserCode.fill(account.laserCode ?? LASER_CODE);
    } else {
      await this.birthDate.fill('');
      await this.laserCode.fill('');
    }
    await this.phone.fill(account.phone);
    await this.username.fill(account.username);
    await this.password.fill(account.password);
    await this.passwordConfirmation.fill(account.password);
  }
}

/** `/Account/Assurance`: the signed-in account's level and the ways to raise it. */
export class AssurancePage {
  static readonly url = ASSURANCE_PAGE;
  readonly heading: Locator;
  readonly birthDate: Locator;
  readonly laserCode: Locator;
  readonly confirmLaserCode: Locator;
  readonly thaid: Locator;
  readonly notice: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'ระดับความน่าเชื่อถือของบัญชี' });
    this.birthDate = page.getByLabel('วันเดือนปีเกิด');
    this.laserCode = page.getByLabel('เลขหลังบัตรประจำตัวประชาชน (Laser ID)');
    this.confirmLaserCode = page.getByRole('button', { name: 'ยืนยันตัวตนด้วยบัตรประจำตัวประชาชน' });
    this.thaid = page.getByRole('button', { name: 'ยืนยันตัวตนผ่านแอป ThaID (จำลอง)' });
    this.notice = page.getByRole('status');
    this.errorSummary = page.getByRole('alert');
  }

  /** The current level as the page states it, e.g. `IAL 1.1`. */
  level(ial: '1.1' | '1.3' | '2.3'): Locator {
    return this.page.getByText(`IAL ${ial} —`);
  }
}

/** "ออกจากระบบ Digital ID?": asked when a sign-out request does not carry an ID token naming this session. */
export class SignOutConfirmationPage {
  readonly heading: Locator;
  readonly confirm: Locator;
  readonly cancel: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'ออกจากระบบ Digital ID?' });
    this.confirm = page.getByRole('button', { name: 'ออกจากระบบ', exact: true });
    this.cancel = page.getByRole('link', { name: 'ยกเลิก', exact: true });
  }
}

/**
 * Raises `account`'s level at the simulator's assurance page (signing in first if the browser is not signed in at
 * the simulator): `laser-code` → IAL 1.3 with `BIRTH_DATE` and `LASER_CODE`, `thaid` → IAL 2.3 through the simulated
 * ThaID button. Ends on the assurance page announcing the new level.
 */
export async function raiseAssurance(
  page: Page,
  account: Pick<NewAccount, 'username' | 'password'>,
  to: 'laser-code' | 'thaid',
): Promise<AssurancePage> {
  await page.goto(ASSURANCE_PAGE);
  const assurance = new AssurancePage(page);
  if (page.url().startsWith(`${SIMULATOR}/Account/Login`)) {
    await new SignInPage(page).signIn(account.username, account.password);
  }
  await expect(assurance.heading).toBeVisible();
  if (to === 'laser-code') {
    await assurance.birthDate.fill(BIRTH_DATE);
    await assurance.laserCode.fill(LASER_CODE);
    await assurance.confirmLaserCode.click();
  } else {
    await assurance.thaid.click();
  }
  await expect(assurance.notice).toContainText('ยืนยันตัวตนสำเร็จ');
  await expect(assurance.level(to === 'laser-code' ? '1.3' : '2.3')).toBeVisible();
  return assurance;
}

export class ConsentPage {
  readonly heading: Locator;
  readonly allow: Locator;
  readonly deny: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'ขอความยินยอม' });
    this.allow = page.getByRole('button', { name: 'ยินยอม', exact: true });
    this.deny = page.getByRole('button', { name: 'ไม่ยินยอม', exact: true });
  }
}

/** Registers `account` starting from an authorization request, ending on the sign-in page it returns to. */
export async function registerThroughSignIn(page: Page, account: NewAccount, state: string): Promise<SignInPage> {
  await page.goto(authorizeUrl(state));
  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await signIn.registerLink.click();
  const register = new RegisterPage(page);
  await expect(register.heading).toBeVisible();
  await register.fill(account);
  await register.submit.click();
  await expect(signIn.heading).toBeVisible();
  return signIn;
}
