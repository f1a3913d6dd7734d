// §1.1: "ไม่ยินยอม" at Digital ID's consent screen means no access — and a way to try again.
import { expect, test } from '@playwright/test';
import { ConsentPage, SignInPage as DigitalIdSignInPage } from '../pages/digital-id-pages';
import { ActivationPage } from '../pages/activation-page';
import { ConsentDeclinedPage } from '../pages/consent-declined-page';
import { HomePage } from '../pages/home-page';
import { backOfficeUrl, continueAtDigitalId, officerAccount, registerAccount } from '../pages/officer-journey';
import { OfficersPage } from '../pages/officers-page';
import { SignInPage } from '../pages/sign-in-page';
import { SiteHeader } from '../pages/site-header';

test('declining consent at Digital ID leaves the officer signed out, told why, with a way to try again', async ({
  page,
  browser,
}) => {
  const account = officerAccount();
  await registerAccount(browser, account);

  await new OfficersPage(page).goto();
  await new OfficersPage(page).signInLink.click();
  const signIn = new SignInPage(page);
  await signIn.digitalIdButton.click();
  await new DigitalIdSignInPage(page).signIn(account.username, account.password);
  const consent = new ConsentPage(page);
  await expect(consent.heading).toBeVisible();
  await consent.deny.click();

  await expect(page).toHaveURL(backOfficeUrl(ConsentDeclinedPage.path));
  const declined = new ConsentDeclinedPage(page);
  await expect(declined.sentence).toBeVisible();
  await expect(new SiteHeader(page).accountMenu, 'nobody is signed in').toHaveCount(0);
  await expect(declined.tryAgain).toBeVisible();

  await page.goto(HomePage.path);
  await expect(page, 'no session was started').toHaveURL(backOfficeUrl(SignInPage.path));

  // Trying again: Digital ID asks for consent once more (a refusal is not remembered), and this time it is given.
  await page.goto(ConsentDeclinedPage.path);
  await declined.tryAgain.click();
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  const from = page.url();
  await signIn.digitalIdButton.click();
  const steps = await continueAtDigitalId(page, account, from);
  expect(steps.askedToConsent).toBe(true);
  // Not an officer here yet, so the first use asks for the Token.
  await expect(page).toHaveURL(backOfficeUrl(ActivationPage.path));
});
