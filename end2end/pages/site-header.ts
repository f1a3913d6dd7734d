// Page object: the site header's name menu at the top right — the signed-in officer's name in a native
// <details>/<summary>, which opens to "Profile" and "Logout" (the specification's §1.3).
import type { Locator, Page } from '@playwright/test';
import { inBothLanguages } from './language';

/** The header's texts that are not specification labels ("Profile" and "Logout" are the same in both languages). */
export const SITE_HEADER_TEXT = inBothLanguages({
  th: {
    skipLink: 'ข้ามไปยังเนื้อหาหลัก',
    accountMenu: 'เมนูผู้ใช้งาน',
    switchLanguage: 'Change the language to English',
  },
  en: { skipLink: 'Skip to main content', accountMenu: 'Account menu', switchLanguage: 'เปลี่ยนภาษาเป็นภาษาไทย' },
});

export class SiteHeader {
  /** The first stop of the Tab key on every page, before the banner: it moves focus to the main content. */
  readonly skipLink: Locator;
  readonly banner: Locator;
  /** The switch to the other language (a POST form's button, named in the language it switches to). */
  readonly languageSwitch: Locator;
  /** The account menu, a navigation landmark in the banner. */
  readonly accountMenu: Locator;
  /** "Profile" (the specification's label). */
  readonly profileLink: Locator;
  /** "Logout" (the specification's label): a button in a POST form, never a link. */
  readonly logoutButton: Locator;

  constructor(readonly page: Page) {
    this.skipLink = page.getByRole('link', { name: SITE_HEADER_TEXT.skipLink, exact: true });
    this.banner = page.getByRole('banner');
    this.languageSwitch = this.banner.getByRole('button', { name: SITE_HEADER_TEXT.switchLanguage });
    this.accountMenu = this.banner.getByRole('navigation', { name: SITE_HEADER_TEXT.accountMenu });
    this.profileLink = this.accountMenu.getByRole('link', { name: 'Profile', exact: true });
    this.logoutButton = this.accountMenu.getByRole('button', { name: 'Logout', exact: true });
  }

  /**
   * The name that opens the menu. A <summary> has no ARIA role Playwright can query, so it is found by its text
   * inside the account menu's landmark.
   */
  nameButton(name: string): Locator {
    return this.accountMenu.getByText(name, { exact: true });
  }

  /** The <summary> holding the name: what the Tab key stops on. */
  nameSummary(name: string): Locator {
    return this.accountMenu.locator('summary').filter({ hasText: name });
  }

  /** Opens the name menu (a native <details>: works with and without JavaScript). */
  async openMenu(name: string): Promise<void> {
    await this.nameButton(name).click();
  }
}
