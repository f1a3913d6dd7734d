// Page object: the officers' page (/backend) and the site header and footer around it.
import type { Locator, Page, Response } from '@playwright/test';

export class OfficersPage {
  readonly heading: Locator;
  readonly productLink: Locator;
  readonly textSizeGroup: Locator;
  readonly largerText: Locator;
  readonly defaultText: Locator;
  readonly contactCenterPhone: Locator;
  readonly accessRules: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'เว็บไซต์สำหรับเจ้าหน้าที่' });
    this.productLink = page.getByRole('banner').getByRole('link', { name: /ศูนย์รวมข้อมูลบริการภาครัฐ/ });
    this.textSizeGroup = page.getByRole('group', { name: 'ขนาดตัวอักษร' });
    this.largerText = page.getByRole('button', { name: 'เพิ่มขนาดตัวอักษร' });
    this.defaultText = page.getByRole('button', { name: 'ขนาดตัวอักษรปกติ' });
    this.contactCenterPhone = page.getByRole('contentinfo').getByRole('link', { name: '02-612-6060' });
    this.accessRules = page.getByRole('region', { name: 'การขอรับสิทธิ์เข้าใช้งาน' });
  }

  async goto(path = '/backend'): Promise<Response | null> {
    return this.page.goto(path);
  }

  /** The root element's computed font size in pixels (what the text-size control changes). */
  async rootFontSize(): Promise<string> {
    return this.page.locator('html').evaluate((html) => getComputedStyle(html).fontSize);
  }
}
