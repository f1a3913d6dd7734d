// Page object: the first page after signing in (/backend/home).
import type { Locator, Page, Response } from '@playwright/test';
import { inBothLanguages } from './language';
import { SiteHeader } from './site-header';

/** Texts of this page that are not the specification's own labels. */
export const HOME_PAGE_TEXT = inBothLanguages({
  th: { title: 'หน้าแรก' },
  en: { title: 'Home' },
});

export class HomePage {
  static readonly path = '/backend/home';

  readonly header: SiteHeader;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.header = new SiteHeader(page);
    this.main = page.getByRole('main');
  }

  async goto(): Promise<Response | null> {
    return this.page.goto(HomePage.path);
  }
}
