// Page object: the officers page (/backend/accounts) of DGA Contact Center staff and central officers: the officers
// in scope with their unit, role, status and last sign-in, and the forms that suspend, reactivate or reassign them.
import type { Locator, Page, Response } from '@playwright/test';
import { inBothLanguages } from './language';

/** Texts of this page (not the specification's own labels). */
export const ACCOUNTS_PAGE_TEXT = inBothLanguages({
  th: { title: 'บัญชีเจ้าหน้าที่', active: 'ใช้งานได้' },
  en: { title: 'Officers', active: 'Active' },
});

export class AccountsPage {
  static readonly path = '/backend/accounts';

  readonly heading: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: ACCOUNTS_PAGE_TEXT.title, exact: true });
    this.main = page.getByRole('main');
  }

  async goto(): Promise<Response | null> {
    return this.page.goto(AccountsPage.path);
  }

  /** The row of the officer named `name`. */
  row(name: string): Locator {
    return this.page.getByRole('row').filter({ hasText: name });
  }

  /** The officer id a row's forms post (what a hand-made request would send). */
  async officerIdOf(row: Locator): Promise<string> {
    return row.locator('input[name="officer_id"]').first().inputValue();
  }
}
