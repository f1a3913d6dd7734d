// Page object: the identity-confirmation page (/backend/activate) of a first sign-in, where a Digital ID account
// that is not yet an officer enters its activation Token and presses "ยืนยัน".
import type { Locator, Page } from '@playwright/test';

/** Texts of this page that are not the specification's own labels. */
export const ACTIVATION_PAGE_TEXT = {
  heading: 'ยืนยันตัวตน',
} as const;

export class ActivationPage {
  static readonly path = '/backend/activate';

  readonly heading: Locator;
  /** The field labelled "Token" (the specification's label). */
  readonly token: Locator;
  /** "ยืนยัน" (the specification's label). */
  readonly confirm: Locator;
  /** The error summary of a refused submission. */
  readonly errorSummary: Locator;
  /** The DGA Contact Center's number on the page itself (the footer has it too). */
  readonly contactCenterPhone: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: ACTIVATION_PAGE_TEXT.heading });
    this.token = page.getByLabel('Token', { exact: true });
    this.confirm = page.getByRole('button', { name: 'ยืนยัน', exact: true });
    this.errorSummary = page.getByRole('alert');
    this.contactCenterPhone = page.getByRole('main').getByRole('link', { name: '02-612-6060' });
  }

  async enterToken(token: string): Promise<void> {
    await this.token.fill(token);
    await this.confirm.click();
  }
}
