// Page object: the officer's profile (/backend/profile), reached from "Profile" in the name menu.
import type { Locator, Page } from '@playwright/test';
import { inBothLanguages } from './language';

/** Texts of this page that are not the specification's own labels. */
export const PROFILE_PAGE_TEXT = inBothLanguages({
  th: { heading: 'ข้อมูลส่วนตัว', unitChain: 'หน่วยงานและหน่วยงานต้นสังกัด', centralOfficer: 'เจ้าหน้าที่ส่วนกลาง' },
  en: { heading: 'Profile', unitChain: 'Unit and parent organisations', centralOfficer: 'Central officer' },
});

export class ProfilePage {
  static readonly path = '/backend/profile';

  readonly heading: Locator;
  readonly main: Locator;
  /** The officer's unit, then each parent up to the ministry. */
  readonly unitChain: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: PROFILE_PAGE_TEXT.heading });
    this.main = page.getByRole('main');
    this.unitChain = this.main.getByRole('list', { name: PROFILE_PAGE_TEXT.unitChain }).getByRole('listitem');
  }
}
