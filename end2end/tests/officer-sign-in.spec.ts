// §1.1 and §1.3: an officer known from CITIZENinfo signs in with Digital ID at once (no Token), finds their name at
// the top right, opens Profile, and signs out — here and at Digital ID.
import { expect, test } from '@playwright/test';
import { addUnitTree, importOfficers } from '../pages/back-office-commands';
import { BACK_OFFICE, ConsentPage, SIMULATOR, SignInPage as DigitalIdSignInPage } from '../pages/digital-id-pages';
import { HomePage } from '../pages/home-page';
import {
  backOfficeUrl,
  digitalIdName,
  groupedCitizenId,
  maskedCitizenId,
  officerAccount,
  registerAccount,
} from '../pages/officer-journey';
import { OfficersPage } from '../pages/officers-page';
import { PROFILE_PAGE_TEXT, ProfilePage } from '../pages/profile-page';
import { SignInPage } from '../pages/sign-in-page';
import { SiteHeader } from '../pages/site-header';

test('an officer imported from CITIZENinfo signs in with Digital ID, sees their profile and signs out everywhere', async ({
  page,
  browser,
}) => {
  const units = addUnitTree();
  const account = officerAccount();
  const name = digitalIdName(account);
  await registerAccount(browser, account);
  importOfficers([{ citizenId: account.citizenId, nameTh: name, unitCode: units.department.code, role: 'central' }]);

  const officers = new OfficersPage(page);
  await officers.goto();
  await officers.signInLink.click();
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await signIn.digitalIdButton.click();

  const digitalId = new DigitalIdSignInPage(page);
  await expect(digitalId.heading).toBeVisible();
  expect(new URL(page.url()).origin).toBe(SIMULATOR);
  await digitalId.signIn(account.username, account.password);
  const consent = new ConsentPage(page);
  await expect(consent.heading).toBeVisible();
  await consent.allow.click();

  // Known from CITIZENinfo: straight to the first page, no Token asked.
  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));
  const header = new SiteHeader(page);
  await expect(header.nameButton(name)).toBeVisible();
  const menuBox = await header.accountMenu.boundingBox();
  const viewport = page.viewportSize();
  expect(menuBox && viewport && menuBox.x > viewport.width / 2, 'the name menu sits at the top right').toBe(true);
  await expect(header.profileLink, 'the menu is closed until the name is pressed').toBeHidden();

  await header.openMenu(name);
  await expect(header.logoutButton).toBeVisible();
  await header.profileLink.click();

  await expect(page).toHaveURL(backOfficeUrl(ProfilePage.path));
  const profile = new ProfilePage(page);
  await expect(profile.heading).toBeVisible();
  await expect(profile.main).toContainText(name);
  await expect(profile.main).toContainText(maskedCitizenId(account.citizenId));
  const html = await page.content();
  expect(html, 'the citizen ID is never sent in full').not.toContain(account.citizenId);
  expect(html, 'not even grouped').not.toContain(groupedCitizenId(account.citizenId));
  await expect(profile.main).toContainText(PROFILE_PAGE_TEXT.centralOfficer);
  await expect(profile.unitChain).toHaveText([units.department.nameTh, units.ministry.nameTh]);

  await header.openMenu(name);
  const logout = page.waitForRequest((request) => request.url() === `${BACK_OFFICE}/auth/logout`);
  const endSession = page.waitForRequest((request) => request.url().startsWith(`${SIMULATOR}/connect/endsession?`));
  await header.logoutButton.click();
  expect((await logout).method(), 'Logout is a form POST, never a link').toBe('POST');
  await endSession;
  await expect(page).toHaveURL(backOfficeUrl('/backend/signed-out'));
  await expect(officers.signedOutNotice).toBeVisible();
  await expect(header.accountMenu, 'nobody is signed in any more').toBeHidden();

  // No session here…
  await page.goto(HomePage.path);
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  // …nor at Digital ID: signing in again asks for the password.
  await signIn.digitalIdButton.click();
  await expect(digitalId.heading).toBeVisible();
});
