// Page object: the officers' page (/backend) and the site header and footer around it. The same page answers
// /backend/signed-out and /backend/activated, with a banner saying what just happened.
import type { Locator, Page, Response } from '@playwright/test';
import { PRODUCT, inBothLanguages } from './language';

/**
 * The officers' page's texts (kept here, so a rewording is one edit). "เข้าสู่ระบบ" is the specification's label,
 * said "Sign in" in English.
 */
export const OFFICERS_PAGE_TEXT = inBothLanguages({
  th: {
    heading: 'เว็บไซต์สำหรับเจ้าหน้าที่',
    signIn: 'เข้าสู่ระบบ',
    signedOutBanner: 'ท่านได้ออกจากระบบเรียบร้อยแล้ว',
    activatedBanner: 'ยืนยันตัวตนสำเร็จ',
    activatedSignInAgain: 'เข้าสู่ระบบด้วย Digital ID อีกครั้ง',
    registerButton: 'ลงทะเบียน Digital ID',
    textSize: 'ขนาดตัวอักษร',
    largerText: 'เพิ่มขนาดตัวอักษร',
    defaultText: 'ขนาดตัวอักษรปกติ',
    accessRules: 'การขอรับสิทธิ์เข้าใช้งาน',
    centralOfficersGetTokens: 'เจ้าหน้าที่ส่วนกลาง ติดต่อขอรับ Token ที่ DGA Contact Center',
    notFound: 'ไม่พบหน้าที่ท่านต้องการ',
    backToOfficersPage: 'กลับไปยังเว็บไซต์สำหรับเจ้าหน้าที่',
  },
  en: {
    heading: "Officers' website",
    signIn: 'Sign in',
    signedOutBanner: 'You have signed out',
    activatedBanner: 'Your identity is confirmed',
    activatedSignInAgain: 'sign in with Digital ID again',
    registerButton: 'Register a Digital ID',
    textSize: 'Text size',
    largerText: 'Larger text',
    defaultText: 'Default text size',
    accessRules: 'Getting access',
    centralOfficersGetTokens: 'Central officers get their Token from the DGA Contact Center.',
    notFound: 'Page not found',
    backToOfficersPage: "Back to the officers' website",
  },
});

export class OfficersPage {
  readonly heading: Locator;
  readonly productLink: Locator;
  readonly textSizeGroup: Locator;
  readonly largerText: Locator;
  readonly defaultText: Locator;
  readonly contactCenterPhone: Locator;
  readonly accessRules: Locator;
  /** "เข้าสู่ระบบ" (the specification's label; "Sign in" in English), a link to the sign-in page. */
  readonly signInLink: Locator;
  /** Opens Digital ID's registration (a POST form), which returns into Digital ID's sign-in. */
  readonly registerButton: Locator;
  /** The banner after signing out. */
  readonly signedOutNotice: Locator;
  /** The banner after the identity confirmation, asking to sign in again. */
  readonly activatedNotice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: OFFICERS_PAGE_TEXT.heading });
    this.productLink = page.getByRole('banner').getByRole('link', { name: PRODUCT.name });
    this.textSizeGroup = page.getByRole('group', { name: OFFICERS_PAGE_TEXT.textSize });
    this.largerText = page.getByRole('button', { name: OFFICERS_PAGE_TEXT.largerText });
    this.defaultText = page.getByRole('button', { name: OFFICERS_PAGE_TEXT.defaultText });
    this.contactCenterPhone = page.getByRole('contentinfo').getByRole('link', { name: '02-612-6060' });
    this.accessRules = page.getByRole('region', { name: OFFICERS_PAGE_TEXT.accessRules });
    this.signInLink = page.getByRole('main').getByRole('link', { name: OFFICERS_PAGE_TEXT.signIn, exact: true });
    this.registerButton = page.getByRole('main').getByRole('button', { name: OFFICERS_PAGE_TEXT.registerButton });
    this.signedOutNotice = page.getByRole('status', { name: OFFICERS_PAGE_TEXT.signedOutBanner });
    this.activatedNotice = page.getByRole('status', { name: OFFICERS_PAGE_TEXT.activatedBanner });
  }

  async goto(path = '/backend'): Promise<Response | null> {
    return this.page.goto(path);
  }

  /** The root element's computed font size in pixels (what the text-size control changes). */
  async rootFontSize(): Promise<string> {
    return this.page.locator('html').evaluate((html) => getComputedStyle(html).fontSize);
  }
}
