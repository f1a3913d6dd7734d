// Page object: the site header's name menu at the top right — the signed-in officer's name in a native
// <details>/<summary>, which opens to "Profile" and "Logout" (the specification's §1.3).
import type { Locator, Page } from '@playwright/test';

/** The accessible name of the header's account menu (not a specification label). */
export const SITE_HEADER_TEXT = {
  accountMenu: 'เมนูผู้ใช้งาน',
} as const;

export class SiteHeader {
  readonly banner: Locator;
  /** The account menu, a navigation landmark in the banner. */
  readonly accountMenu: Locator;
  /** "Profile" (the specification's label). */
  readonly profileLink: Locator;
  /** "Logout" (the specification's label): a button in a POST form, never a link. */
  readonly logoutButton: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
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

  /** Opens the name menu (a native <details>: works with and without JavaScript). */
  async openMenu(name: string): Promise<void> {
    await this.nameButton(name).click();
  }
}
