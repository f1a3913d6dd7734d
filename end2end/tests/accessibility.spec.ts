// axe-core on every page of the back office and of the Digital ID simulator, in each state the other specs reach
// (banners, error summaries, the open name menu, a Token just issued), at desktop and phone widths: no WCAG 2.1 AA
// violation anywhere. The spec runs in every project, so each page is checked hydrated and without JavaScript in
// Thai, and hydrated in English. The same walk makes the screenshots of docs/DESIGN.md.
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from '../pages/accessibility';
import { chooseUnit } from '../pages/unit-field';
import { ActivationPage } from '../pages/activation-page';
import { CONTACT_CENTER_UNIT, addUnitTree, importOfficers } from '../pages/back-office-commands';
import {
  ASSURANCE_PAGE,
  AssurancePage,
  ConsentPage,
  RegisterPage,
  SIMULATOR,
  SignInPage as DigitalIdSignInPage,
  SignOutConfirmationPage,
  authorizeUrl,
} from '../pages/digital-id-pages';
import { HomePage } from '../pages/home-page';
import {
  backOfficeUrl,
  digitalIdName,
  officerAccount,
  registerAccount,
  signInWithDigitalId,
} from '../pages/officer-journey';
import { ProfilePage } from '../pages/profile-page';
import { SiteHeader } from '../pages/site-header';
import { TokensPage } from '../pages/tokens-page';

// axe is a script: it cannot run where JavaScript is off. In the no-javascript project the browser runs scripts, but
// the back office's own (the JS and WASM under /pkg/, which hydrate the islands) are refused, so each page is checked
// exactly as a browser without JavaScript shows it.
test.use({ javaScriptEnabled: true });
// Each page is checked twice (desktop and phone); a test walks up to ten of them.
test.describe.configure({ timeout: 150_000 });
test.beforeEach(async ({ page }, testInfo) => {
  if (testInfo.project.use.javaScriptEnabled === false) {
    await page.route(/\/pkg\/[^?]*\.(js|wasm)(\?.*)?$/, (route) => route.abort());
  }
});

/** Opens `path`, expects `status`, and checks the page once its main heading is there. */
async function open(page: Page, path: string, name: string, status = 200): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await checkPage(page, name);
}

test('the pages anyone can open, and the error pages', async ({ page }) => {
  await open(page, '/backend', 'officers');
  await open(page, '/backend/sign-in', 'sign-in');
  await open(page, '/backend/signed-out', 'signed-out');
  await open(page, '/backend/activated', 'activated');
  // Declined consent is a refusal: 403, with the way to try again.
  await open(page, '/backend/consent-declined', 'consent-declined', 403);
  // An account proofed below the role's level: its level, the level needed and how to raise it (403).
  await open(page, '/backend/assurance-required?have=1.1&need=2.3&verified=0&id=1&role=central', 'assurance-required', 403);
  // A real refusal (a callback no login of this browser started), so the page shows the reference we signed.
  await open(page, '/auth/callback?state=axe-walk', 'sign-in-failed', 400);
  await expect(page.locator('.reference__id')).toHaveText(/^[0-9A-F]{10}$/);
  await open(page, '/backend/digital-id-unavailable', 'digital-id-unavailable', 503);
  await open(page, '/backend/error?reference=3FA9C01B7E', 'service-error', 500);
  await open(page, '/backend/no-such-page', 'not-found', 404);
});

test("the Digital ID simulator's sign-in, registration (with its errors), consent, assurance and sign-out pages", async ({ page }) => {
  await page.goto(authorizeUrl('axe-simulator'));
  const signIn = new DigitalIdSignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await checkPage(page, 'digital-id-sign-in', 'thai-only');

  await signIn.signIn('nobody.here', 'not-the-password');
  await expect(page.getByRole('alert')).toBeVisible();
  await checkPage(page, 'digital-id-sign-in-refused', 'thai-only');

  await signIn.registerLink.click();
  const register = new RegisterPage(page);
  await expect(register.heading).toBeVisible();
  await checkPage(page, 'digital-id-register', 'thai-only');
  const account = officerAccount();
  await register.fill({ ...account, citizenId: '1234567890123' });
  await register.submit.click();
  await expect(register.errorSummary).toBeVisible();
  await checkPage(page, 'digital-id-register-errors', 'thai-only');

  await register.fill(account);
  await register.submit.click();
  await expect(signIn.notice).toBeVisible();
  await checkPage(page, 'digital-id-registered', 'thai-only');
  await signIn.signIn(account.username, account.password);
  await expect(new ConsentPage(page).heading).toBeVisible();
  await checkPage(page, 'digital-id-consent', 'thai-only');

  // Signed in at the simulator: its page for raising the account's identity assurance, and the confirmation it asks
  // before ending a session when no ID token names it.
  await page.goto(ASSURANCE_PAGE);
  await expect(new AssurancePage(page).heading).toBeVisible();
  await checkPage(page, 'digital-id-assurance', 'thai-only');
  await page.goto(`${SIMULATOR}/connect/endsession`);
  await expect(new SignOutConfirmationPage(page).heading).toBeVisible();
  await checkPage(page, 'digital-id-sign-out', 'thai-only');
});

test('the identity-confirmation page of a first sign-in, before and after a refused Token', async ({ page, browser }) => {
  const account = officerAccount();
  await registerAccount(browser, account);
  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(ActivationPage.path));
  const activation = new ActivationPage(page);
  await checkPage(page, 'activation');

  await activation.enterToken('ABCD-EFGH');
  await expect(activation.errorSummary).toBeVisible();
  await checkPage(page, 'activation-error');

  if (test.info().project.use.javaScriptEnabled) {
    // The Token entry as it reads what is typed: grouped, counted, a Thai letter left out and said why.
    await expect(activation.count).toBeVisible();
    await activation.token.fill('');
    await activation.token.pressSequentially('7k3m q9xa 00ก');
    await expect(activation.notice).not.toBeEmpty();
    await checkPage(page, 'activation-typing');
  }
});

test("an officer's home and profile pages, the open name menu and the 403 page", async ({ page, browser }) => {
  const units = addUnitTree();
  const account = officerAccount();
  const name = digitalIdName(account);
  await registerAccount(browser, account);
  importOfficers([{ citizenId: account.citizenId, nameTh: name, unitCode: units.servicePoint.code, role: 'service_point' }]);
  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));
  await checkPage(page, 'home');

  const header = new SiteHeader(page);
  await header.openMenu(name);
  await expect(header.profileLink).toBeVisible();
  await checkPage(page, 'home-menu-open');
  await header.profileLink.click();
  await expect(new ProfilePage(page).heading).toBeVisible();
  await checkPage(page, 'profile');

  await open(page, TokensPage.path, 'forbidden', 403);
});

test('the administration pages of DGA Contact Center staff: Tokens (its errors, a Token just issued), officers, audit log, units', async ({
  page,
  browser,
}) => {
  const units = addUnitTree();
  const staff = officerAccount();
  await registerAccount(browser, staff);
  importOfficers([
    { citizenId: staff.citizenId, nameTh: digitalIdName(staff), unitCode: CONTACT_CENTER_UNIT, role: 'contact_center' },
  ]);
  await signInWithDigitalId(page, staff);
  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));
  await checkPage(page, 'home-contact-center');

  const tokens = new TokensPage(page);
  await tokens.goto();
  await expect(tokens.heading).toBeVisible();
  await checkPage(page, 'tokens');

  const recipient = officerAccount();
  const request = {
    role: 'central' as const,
    unitCode: units.department.code,
    citizenId: recipient.citizenId,
    name: digitalIdName(recipient),
    reference: 'สพร. 0200/2569',
  };
  await tokens.role.selectOption(request.role);
  await chooseUnit(tokens.unit, request.unitCode);
  await tokens.citizenId.fill('1234567890123');
  await tokens.name.fill(request.name);
  await tokens.reference.fill(request.reference);
  await tokens.issueButton.click();
  await expect(tokens.errorSummary).toBeVisible();
  await checkPage(page, 'tokens-errors');

  await tokens.goto();
  await tokens.issue(request);
  await expect(tokens.letter).toBeVisible();
  await checkPage(page, 'token-issued');

  await open(page, '/backend/accounts', 'accounts');
  await open(page, '/backend/audit', 'audit');
  await open(page, '/backend/units', 'units');
});
