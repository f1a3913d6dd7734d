// Page object: the back office's sign-in page (/backend/sign-in), reached from "เข้าสู่ระบบ": one button per
// sign-in provider ("Digital ID") and Digital ID's registration.
import type { Locator, Page, Response } from '@playwright/test';
import { OFFICERS_PAGE_TEXT } from './officers-page';
import { inBothLanguages } from './language';

/** Texts of this page; "เข้าสู่ระบบ" is the specification's label, said "Sign in" in English. */
export const SIGN_IN_PAGE_TEXT = inBothLanguages({
  th: { heading: 'เข้าสู่ระบบ' },
  en: { heading: 'Sign in' },
});

export class SignInPage {
  static readonly path = '/backend/sign-in';

  readonly heading: Locator;
  /** "Digital ID" (the specification's label): a POST form to /auth/login. */
  readonly digitalIdButton: Locator;
  readonly registerButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: SIGN_IN_PAGE_TEXT.heading, exact: true });
    this.digitalIdButton = page.getByRole('main').getByRole('button', { name: 'Digital ID', exact: true });
    this.registerButton = page.getByRole('main').getByRole('button', { name: OFFICERS_PAGE_TEXT.registerButton });
  }

  async goto(): Promise<Response | null> {
    return this.page.goto(SignInPage.path);
  }
}
