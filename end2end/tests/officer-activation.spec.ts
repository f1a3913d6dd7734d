// §1.2: a new officer registers a Digital ID, signs in for the first time, confirms their identity with the Token
// they were given (after a wrong one), signs in again and reaches the first page.
import { expect, test } from '@playwright/test';
import { addUnitTree, issueToken, unissuedToken } from '../pages/back-office-commands';
import { ConsentPage, RegisterPage, SIMULATOR, SignInPage as DigitalIdSignInPage } from '../pages/digital-id-pages';
import { ACTIVATION_PAGE_TEXT, ActivationPage } from '../pages/activation-page';
import { HomePage } from '../pages/home-page';
import { backOfficeUrl, continueAtDigitalId, digitalIdName, officerAccount } from '../pages/officer-journey';
import { OFFICERS_PAGE_TEXT, OfficersPage } from '../pages/officers-page';
import { SignInPage } from '../pages/sign-in-page';

test('a new officer registers at Digital ID, is refused a wrong Token, activates with theirs and signs in again', async ({
  page,
}) => {
  const units = addUnitTree();
  const account = officerAccount();

  const officers = new OfficersPage(page);
  await officers.goto();
  await officers.registerButton.click();
  const register = new RegisterPage(page);
  await expect(register.heading).toBeVisible();
  expect(new URL(page.url()).origin).toBe(SIMULATOR);
  // Digital ID's registration checks the ID card's laser code with DOPA (IAL 1.3): a service-point officer's level.
  await register.fill(account, 'laser-code');
  await register.submit.click();

  // Registration returns into the sign-in the officers' page started.
  const digitalId = new DigitalIdSignInPage(page);
  await expect(digitalId.heading).toBeVisible();
  await expect(digitalId.notice).toContainText('ลงทะเบียนสำเร็จ');
  await digitalId.signIn(account.username, account.password);
  const consent = new ConsentPage(page);
  await expect(consent.heading).toBeVisible();
  await consent.allow.click();

  // A first use: the identity-confirmation screen.
  await expect(page).toHaveURL(backOfficeUrl(ActivationPage.path));
  const activation = new ActivationPage(page);
  await expect(activation.heading).toBeVisible();
  await expect(activation.token).toBeVisible();
  await expect(activation.confirm).toBeVisible();
  await expect(activation.errorSummary).toHaveCount(0);
  await expect(page.getByRole('main')).toContainText('DGA Contact Center');
  await expect(activation.contactCenterPhone).toHaveAttribute('href', 'tel:+6626126060');
  await expect(new HomePage(page).header.nameButton(digitalIdName(account))).toBeVisible();

  // The officer asks their central officer, who issues the Token for this citizen ID.
  const token = issueToken({ role: 'service_point', unit: units.servicePoint.code, citizenId: account.citizenId });

  const wrong = unissuedToken();
  await activation.enterToken(wrong);
  await expect(page).toHaveURL(backOfficeUrl(ActivationPage.path));
  await expect(activation.errorSummary).toContainText(ACTIVATION_PAGE_TEXT.contactYourCentralOfficer);
  await expect(activation.token).toHaveAttribute('aria-invalid', 'true');
  await expect(activation.token, 'a refused Token is never shown again').toHaveValue('');

  await activation.enterToken(token.toLowerCase());
  await expect(page).toHaveURL(backOfficeUrl('/backend/activated'));
  await expect(officers.activatedNotice).toBeVisible();
  await expect(officers.activatedNotice).toContainText(OFFICERS_PAGE_TEXT.activatedSignInAgain);

  // As the manual says: "เข้าสู่ระบบ" and Digital ID again.
  await officers.signInLink.click();
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  const signIn = new SignInPage(page);
  const from = page.url();
  await signIn.digitalIdButton.click();
  // The simulator's session is still alive and consent was given, so it may ask for nothing.
  await continueAtDigitalId(page, account, from);

  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));
  const home = new HomePage(page);
  await expect(home.header.nameButton(digitalIdName(account))).toBeVisible();
  await expect(home.main).toContainText(units.servicePoint.nameTh);
});
