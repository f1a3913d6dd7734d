// Page object: the page for a Digital ID account proofed below what the officer's role needs
// (/backend/assurance-required): the account's level, the level needed, and how to raise it.
import type { Locator, Page } from '@playwright/test';
import { inBothLanguages } from './language';

/** Texts of this page. */
export const ASSURANCE_REQUIRED_PAGE_TEXT = inBothLanguages({
  th: {
    title: 'ต้องยืนยันตัวตนกับ Digital ID ในระดับที่สูงขึ้น',
    unproofed: '1.1 (ยังไม่ได้พิสูจน์ตัวตน)',
    needed: (level: string) => `${level} ขึ้นไป`,
    raiseAtDigitalId: 'ยืนยันตัวตนที่ Digital ID',
    signIn: 'เข้าสู่ระบบ',
  },
  en: {
    title: 'Stronger identity proofing needed at Digital ID',
    unproofed: '1.1 (not proofed)',
    needed: (level: string) => `${level} or higher`,
    raiseAtDigitalId: 'Verify your identity at Digital ID',
    signIn: 'Sign in',
  },
});

export class AssuranceRequiredPage {
  static readonly path = '/backend/assurance-required';

  readonly heading: Locator;
  readonly facts: Locator;
  readonly raiseAtDigitalId: Locator;
  readonly signIn: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: ASSURANCE_REQUIRED_PAGE_TEXT.title });
    this.facts = main.locator('dl');
    this.raiseAtDigitalId = main.getByRole('link', { name: ASSURANCE_REQUIRED_PAGE_TEXT.raiseAtDigitalId });
    this.signIn = main.getByRole('link', { name: ASSURANCE_REQUIRED_PAGE_TEXT.signIn, exact: true });
  }
}
