// Page object: the page after "ไม่ยินยอม" at Digital ID (/backend/consent-declined).
import type { Locator, Page } from '@playwright/test';

/** Texts of this page; the sentence is the specification's. */
export const CONSENT_DECLINED_PAGE_TEXT = {
  sentence: 'ท่านไม่ได้ให้ความยินยอม จึงไม่สามารถเข้าใช้งานระบบได้',
  tryAgain: 'ลองอีกครั้ง',
} as const;

export class ConsentDeclinedPage {
  static readonly path = '/backend/consent-declined';

  readonly sentence: Locator;
  readonly tryAgain: Locator;

  constructor(readonly page: Page) {
    this.sentence = page.getByRole('main').getByText(CONSENT_DECLINED_PAGE_TEXT.sentence, { exact: true });
    this.tryAgain = page.getByRole('main').getByRole('link', { name: CONSENT_DECLINED_PAGE_TEXT.tryAgain });
  }
}
