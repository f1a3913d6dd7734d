// Page object: the officers' page (/backend) and the site header and footer around it. The same page answers
// /backend/signed-out and /backend/activated, with a banner saying what just happened.
import type { Locator, Page, Response } from '@playwright/test';

/** The officers' page's texts that are not the specification's own labels (kept here, so a rewording is one edit). */
export const OFFICERS_PAGE_TEXT = {
  signedOutBanner: 'ท่านได้ออกจากระบบเรียบร้อยแล้ว',
  activatedBanner: 'ยืนยันตัวตนสำเร็จ',
  activatedSignInAgain: 'เข้าสู่ระบบด้วย Digital ID อีกครั้ง',
  registerButton: 'ลงทะเบียน Digital ID',
} as const;

export class OfficersPage {
  readonly heading: Locator;
  readonly productLink: Locator;
  readonly textSizeGroup: Locator;
  readonly largerText: Locator;
  readonly defaultText: Locator;
  readonly contactCenterPhone: Locator;
  readonly accessRules: Locator;
  /** "เข้าสู่ระบบ" (the specification's label), a link to the sign-in page. */
  readonly signInLink: Locator;
  /** Opens Digital ID's registration (a POST form), which returns into Digital ID's sign-in. */
  readonly registerButton: Locator;
  /** The banner after signing out. */
  readonly signedOutNotice: Locator;
  /** The banner after the identity confirmation, asking to sign in again. */
  readonly activatedNotice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'เว็บไซต์สำหรับเจ้าหน้าที่' });
    this.productLink = page.getByRole('banner').getByRole('link', { name: /ศูนย์รวมข้อมูลบริการภาครัฐ/ });
    this.textSizeGroup = page.getByRole('group', { name: 'ขนาดตัวอักษร' });
    this.largerText = page.getByRole('button', { name: 'เพิ่มขนาดตัวอักษร' });
    this.defaultText = page.getByRole('button', { name: 'ขนาดตัวอักษรปกติ' });
    this.contactCenterPhone = page.getByRole('contentinfo').getByRole('link', { name: '02-612-6060' });
    this.accessRules = page.getByRole('region', { name: 'การขอรับสิทธิ์เข้าใช้งาน' });
    this.signInLink = page.getByRole('main').getByRole('link', { name: 'เข้าสู่ระบบ', exact: true });
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
