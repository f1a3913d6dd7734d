// The Digital ID simulator as an officer meets it: registration, sign-in and the consent screen.
import { expect, test } from '@playwright/test';
import {
  BACK_OFFICE,
  ConsentPage,
  RegisterPage,
  SIMULATOR,
  SignInPage,
  authorizeUrl,
  citizenId,
  newAccount,
  registerThroughSignIn,
} from '../pages/digital-id-pages';

test('a new officer registers (after a rejected citizen ID, keeping the other fields), signs in and reaches consent', async ({
  page,
}) => {
  const account = newAccount();
  await page.goto(authorizeUrl('register-journey'));
  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await signIn.registerLink.click();

  const register = new RegisterPage(page);
  await expect(register.heading).toBeVisible();
  await register.fill({ ...account, citizenId: citizenId(false) });
  await register.submit.click();

  await expect(register.errorSummary).toContainText('เลขบัตรประจำตัวประชาชน');
  await expect(register.citizenId).toHaveAttribute('aria-invalid', 'true');
  await expect(register.title).toHaveValue(account.title);
  await expect(register.givenName).toHaveValue(account.givenName);
  await expect(register.familyName).toHaveValue(account.familyName);
  await expect(register.phone).toHaveValue(account.phone);
  await expect(register.username).toHaveValue(account.username);
  await expect(register.password, 'passwords are never sent back').toHaveValue('');

  await register.citizenId.fill(account.citizenId);
  await register.password.fill(account.password);
  await register.passwordConfirmation.fill(account.password);
  await register.submit.click();

  await expect(signIn.heading).toBeVisible();
  await expect(signIn.notice).toContainText('ลงทะเบียนสำเร็จ');
  await signIn.signIn(account.username, account.password);

  const consent = new ConsentPage(page);
  await expect(consent.heading).toBeVisible();
  await expect(page.getByText('ศูนย์รวมข้อมูลบริการภาครัฐ').first()).toBeVisible();
  await expect(consent.allow).toBeVisible();
  await expect(consent.deny).toBeVisible();
  expect(page.url().startsWith(`${SIMULATOR}/consent?`)).toBe(true);
});

test('declining consent sends the officer back to the back office with access_denied', async ({ page }) => {
  const account = newAccount();
  const signIn = await registerThroughSignIn(page, account, 'decline-journey');
  await signIn.signIn(account.citizenId, account.password);

  const consent = new ConsentPage(page);
  await expect(consent.heading).toBeVisible();
  // The back office answers its callback with a redirect of its own, so the callback is read from the request.
  const callbackRequest = page.waitForRequest((request) => request.url().startsWith(`${BACK_OFFICE}/auth/callback?`));
  await consent.deny.click();

  const callback = new URL((await callbackRequest).url());
  expect(callback.searchParams.get('error')).toBe('access_denied');
  expect(callback.searchParams.get('state')).toBe('decline-journey');
  expect(callback.searchParams.get('iss')).toBe(SIMULATOR);
  expect(callback.searchParams.get('code')).toBeNull();
});

test('a wrong password keeps the login and says so in Thai', async ({ page }) => {
  await page.goto(authorizeUrl('wrong-password'));
  const signIn = new SignInPage(page);
  await signIn.signIn('nobody.here', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('ไม่ถูกต้อง');
  await expect(signIn.login).toHaveValue('nobody.here');
  await expect(signIn.password).toHaveValue('');
});
