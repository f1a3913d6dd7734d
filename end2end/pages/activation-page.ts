// Page object: the identity-confirmation page (/backend/activate) of a first sign-in, where a Digital ID account
// that is not yet an officer enters its activation Token and presses "ยืนยัน".
import type { Locator, Page } from '@playwright/test';
import { inBothLanguages } from './language';

/** Texts of this page; "ยืนยัน" is the specification's label, said "Confirm" in English. */
export const ACTIVATION_PAGE_TEXT = inBothLanguages({
  th: {
    heading: 'ยืนยันตัวตน',
    confirm: 'ยืนยัน',
    contactYourCentralOfficer: 'เจ้าหน้าที่ส่วนกลางต้นสังกัด',
    centralOfficersOf: 'เจ้าหน้าที่ส่วนกลางของ',
    malformed: 'Token ต้องมีตัวอักษรและตัวเลข 28 ตัว',
    thaiKeyboard: 'เปลี่ยนแป้นพิมพ์เป็นภาษาอังกฤษ',
    characters: 'ตัว',
    unreachable: 'ติดต่อระบบไม่ได้',
  },
  en: {
    heading: 'Confirm your identity',
    confirm: 'Confirm',
    contactYourCentralOfficer: 'contact the central officer of your parent organisation',
    centralOfficersOf: 'Central officers of',
    malformed: 'A Token has 28 letters and digits',
    thaiKeyboard: 'switch your keyboard to English',
    characters: 'characters',
    unreachable: 'could not be reached',
  },
});

export class ActivationPage {
  static readonly path = '/backend/activate';

  readonly heading: Locator;
  /** The field labelled "Token" (the specification's label). */
  readonly token: Locator;
  /** "ยืนยัน" (the specification's label; "Confirm" in English). */
  readonly confirm: Locator;
  /** The error summary of a refused submission. */
  readonly errorSummary: Locator;
  /** The DGA Contact Center's number on the page itself (the footer has it too). */
  readonly contactCenterPhone: Locator;
  /** How many of the Token's 28 symbols are typed (shown once JavaScript runs). */
  readonly count: Locator;
  /** What the field says about a character it left out. */
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: ACTIVATION_PAGE_TEXT.heading });
    this.token = page.getByLabel('Token', { exact: true });
    this.confirm = page.getByRole('button', { name: ACTIVATION_PAGE_TEXT.confirm, exact: true });
    this.errorSummary = page.getByRole('alert');
    this.contactCenterPhone = page.getByRole('main').getByRole('link', { name: '02-612-6060' });
    this.count = page.locator('#token-count');
    this.notice = page.locator('.field__notice');
  }

  async enterToken(token: string): Promise<void> {
    await this.token.fill(token);
    await this.confirm.click();
  }
}
