// Identity assurance (issue 20): a Digital ID account registered with a citizen ID merely typed (IAL 1.1) does not
// become the CITIZENinfo officer with that citizen ID. The person is told their level, the level needed and how to
// raise it; after the (simulated) laser-code check at Digital ID they sign in again and reach home.
import { expect, test } from '@playwright/test';
import { ASSURANCE_REQUIRED_PAGE_TEXT, AssuranceRequiredPage } from '../pages/assurance-required-page';
import { addUnitTree, importOfficers } from '../pages/back-office-commands';
import { AssurancePage, BIRTH_DATE, LASER_CODE } from '../pages/digital-id-pages';
import { HomePage } from '../pages/home-page';
import {
  backOfficeUrl,
  digitalIdName,
  officerAccount,
  registerAccount,
  signInWithDigitalId,
} from '../pages/officer-journey';
import { SignInPage } from '../pages/sign-in-page';
import { SiteHeader } from '../pages/site-header';

test('an unproofed account is not let in as the imported officer until Digital ID has checked the ID card', async ({
  page,
  browser,
}) => {
  const units = addUnitTree();
  const account = officerAccount();
  const name = digitalIdName(account);
  await registerAccount(browser, account, 'none');
  importOfficers([{ citizenId: account.citizenId, nameTh: name, unitCode: units.servicePoint.code, role: 'service_point' }]);

  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(AssuranceRequiredPage.path));
  const refusal = new AssuranceRequiredPage(page);
  await expect(refusal.heading).toBeVisible();
  await expect(refusal.facts).toContainText(ASSURANCE_REQUIRED_PAGE_TEXT.unproofed);
  await expect(refusal.facts).toContainText(ASSURANCE_REQUIRED_PAGE_TEXT.needed('1.3'));
  await expect(new SiteHeader(page).nameButton(name), 'nobody is signed in').toBeHidden();
  const refusalUrl = page.url();
  await page.goto(HomePage.path);
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));

  // The page's link leads to Digital ID's page for raising the level (still signed in there).
  await page.goto(refusalUrl);
  await refusal.raiseAtDigitalId.click();
  const assurance = new AssurancePage(page);
  await expect(assurance.heading).toBeVisible();
  await assurance.birthDate.fill(BIRTH_DATE);
  await assurance.laserCode.fill(LASER_CODE);
  await assurance.confirmLaserCode.click();
  await expect(assurance.level('1.3')).toBeVisible();

  // Back at the back office, signing in again gets the officer in.
  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));
  await expect(new SiteHeader(page).nameButton(name)).toBeVisible();
});
