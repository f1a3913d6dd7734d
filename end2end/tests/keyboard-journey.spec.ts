// The officer's whole journey with the keyboard alone (§1.2 and §1.3): from the officers' page through Digital ID to
// the identity confirmation, a refused Token and the right one, signing in again, the name menu, Profile and
// Logout — every control reached with Tab, used with Enter or by typing, its focus visible; focus lands on the error
// summary after a refusal, and the summary's link takes it back to the field.
import { expect, test } from '@playwright/test';
import { ActivationPage } from '../pages/activation-page';
import { addUnitTree, issueToken, unissuedToken } from '../pages/back-office-commands';
import { HomePage } from '../pages/home-page';
import { expectFocusVisible, press, tabTo } from '../pages/keyboard';
import { language } from '../pages/language';
import {
  backOfficeUrl,
  continueAtDigitalId,
  digitalIdName,
  officerAccount,
  registerAccount,
} from '../pages/officer-journey';
import { OfficersPage } from '../pages/officers-page';
import { ProfilePage } from '../pages/profile-page';
import { SignInPage } from '../pages/sign-in-page';
import { SiteHeader } from '../pages/site-header';

test('a new officer signs in, confirms their identity, reaches Profile and logs out with the keyboard alone', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const units = addUnitTree();
  const account = officerAccount();
  const name = digitalIdName(account);
  // Setup: the Digital ID account (another organisation's site) and the Token the central officer gives.
  await registerAccount(browser, account);
  const token = issueToken({ role: 'service_point', unit: units.servicePoint.code, citizenId: account.citizenId });

  const officers = new OfficersPage(page);
  const header = new SiteHeader(page);
  await officers.goto();
  // The first Tab reaches the skip link; Enter takes the focus past the header to the main content.
  await page.keyboard.press('Tab');
  await expectFocusVisible(header.skipLink);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');

  await press(page, officers.signInLink);
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  const signIn = new SignInPage(page);
  let from = page.url();
  await press(page, signIn.digitalIdButton);
  await continueAtDigitalId(page, account, from, 'allow', 'keyboard');

  await expect(page).toHaveURL(backOfficeUrl(ActivationPage.path));
  const activation = new ActivationPage(page);
  await tabTo(page, activation.token);
  await page.keyboard.type(unissuedToken());
  await page.keyboard.press('Enter');
  // Refused: the focus is on the error summary, read out at once; its link leads back to the (emptied) field.
  await expect(activation.errorSummary).toBeVisible();
  await expectFocusVisible(activation.errorSummary);
  await press(page, activation.errorSummary.getByRole('link').first());
  await expectFocusVisible(activation.token);
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(backOfficeUrl('/backend/activated'));
  await expect(officers.activatedNotice).toBeVisible();
  await press(page, officers.signInLink);
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  from = page.url();
  await press(page, signIn.digitalIdButton);
  await continueAtDigitalId(page, account, from, 'allow', 'keyboard');

  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));
  await press(page, header.nameSummary(name));
  await press(page, header.profileLink);
  await expect(page).toHaveURL(backOfficeUrl(ProfilePage.path));
  await expect(new ProfilePage(page).heading).toBeVisible();

  await press(page, header.nameSummary(name));
  await press(page, header.logoutButton);
  await expect(page).toHaveURL(backOfficeUrl('/backend/signed-out'));
  await expect(officers.signedOutNotice).toBeVisible();
});

test('the language switch works from the keyboard and keeps the officer on the same page', async ({ page }) => {
  const officers = new OfficersPage(page);
  const header = new SiteHeader(page);
  await officers.goto('/backend/sign-in');
  await press(page, header.languageSwitch);
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  await expect(page.locator('html')).toHaveAttribute('lang', language() === 'th' ? 'en' : 'th');
});
