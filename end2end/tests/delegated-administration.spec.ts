// The Token hierarchy of the specification (§1.2), done by the people it names: DGA Contact Center staff issue a
// central officer's Token; that officer activates and issues the Tokens of the service points under them; a revoked
// Token no longer opens anything; and a central officer sees and changes nothing outside their department, neither
// through the pages nor by posting the forms by hand.
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import {
  CONTACT_CENTER_UNIT,
  addUnitTree,
  importOfficers,
  issueToken,
  type UnitTree,
} from '../pages/back-office-commands';
import { ACTIVATION_PAGE_TEXT, ActivationPage } from '../pages/activation-page';
import { ACCOUNTS_PAGE_TEXT, AccountsPage } from '../pages/accounts-page';
import { BACK_OFFICE, citizenId, type NewAccount } from '../pages/digital-id-pages';
import { HomePage } from '../pages/home-page';
import { inBothLanguages } from '../pages/language';
import {
  backOfficeUrl,
  digitalIdName,
  maskedCitizenId,
  officerAccount,
  personContext,
  registerAccount,
  signInWithDigitalId,
} from '../pages/officer-journey';
import { OFFICERS_PAGE_TEXT, OfficersPage } from '../pages/officers-page';
import { TOKENS_PAGE_TEXT, TokensPage } from '../pages/tokens-page';

const ERROR_PAGES = inBothLanguages({
  th: { forbidden: 'ไม่มีสิทธิ์เข้าถึงหน้านี้', notFound: 'ไม่พบหน้าที่ท่านต้องการ' },
  en: { forbidden: 'You may not see this page', notFound: 'Page not found' },
});

// Four people sign in through Digital ID in one test.
test.setTimeout(180_000);

/** A person with a Digital ID account, signed in (or about to be) in a browser of their own. */
interface Person {
  account: NewAccount;
  name: string;
  page: Page;
}

async function person(browser: Browser, testInfo: TestInfo): Promise<Person> {
  const account = officerAccount();
  await registerAccount(browser, account);
  const context = await personContext(browser, testInfo);
  return { account, name: digitalIdName(account), page: await context.newPage() };
}

/** DGA Contact Center staff, known from CITIZENinfo, signed in at the home page. */
async function contactCenterStaff(browser: Browser, testInfo: TestInfo): Promise<Person> {
  const staff = await person(browser, testInfo);
  importOfficers([
    { citizenId: staff.account.citizenId, nameTh: staff.name, unitCode: CONTACT_CENTER_UNIT, role: 'contact_center' },
  ]);
  await signInWithDigitalId(staff.page, staff.account);
  await expect(staff.page).toHaveURL(backOfficeUrl(HomePage.path));
  return staff;
}

/** First sign-in with a Token: the identity-confirmation page, the Token, "ยืนยัน", then signing in again. */
async function activate(officer: Person, token: string): Promise<void> {
  const { page, account } = officer;
  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(ActivationPage.path));
  await new ActivationPage(page).enterToken(token);
  await expect(page).toHaveURL(backOfficeUrl('/backend/activated'));
  await expect(new OfficersPage(page).activatedNotice).toContainText(OFFICERS_PAGE_TEXT.activatedSignInAgain);
  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));
}

/** Opens the Tokens page from the home page's administration links, as an officer would. */
async function openTokensPage(page: Page): Promise<TokensPage> {
  await new HomePage(page).goto();
  await page.getByRole('main').getByRole('link', { name: TOKENS_PAGE_TEXT.title, exact: true }).click();
  const tokens = new TokensPage(page);
  await expect(tokens.heading).toBeVisible();
  return tokens;
}

/** A form posted by hand with the session's cookies and synchroniser token, as a same-origin browser would send it. */
async function postForm(
  page: Page,
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; location: string; body: string }> {
  const response = await page.request.post(path, {
    form,
    headers: { Origin: BACK_OFFICE, Accept: 'text/html' },
    maxRedirects: 0,
  });
  return { status: response.status(), location: response.headers()['location'] ?? '', body: await response.text() };
}

test('the Contact Center issues a central officer\'s Token, who activates, issues a service point\'s Token and revokes another', async ({
  browser,
}, testInfo) => {
  const units = addUnitTree();
  const staff = await contactCenterStaff(browser, testInfo);
  const central = await person(browser, testInfo);
  const servicePoint = await person(browser, testInfo);
  const revokedOfficer = await person(browser, testInfo);

  // DGA Contact Center → the department's central officer.
  const staffTokens = await openTokensPage(staff.page);
  await expect(staffTokens.roleOption('central')).toHaveCount(1);
  const centralToken = await staffTokens.issue({
    role: 'central',
    unitCode: units.department.code,
    citizenId: central.account.citizenId,
    name: central.name,
    reference: 'สพร. 0105/2569',
  });
  expect(centralToken).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
  await expect(staffTokens.letter).toContainText(central.name);
  await expect(staffTokens.letter).toContainText(units.department.nameTh);
  await expect(staffTokens.letter).toContainText(maskedCitizenId(central.account.citizenId));
  expect(staffTokens.page.url(), 'the Token is never in a URL').not.toContain(centralToken);
  await staffTokens.page.reload();
  await expect(staffTokens.issuedToken, 'a reload no longer shows it').toHaveCount(0);
  expect(await staff.page.content(), 'the citizen ID is never sent in full').not.toContain(central.account.citizenId);
  await staffTokens.goto();
  await expect(staffTokens.row(central.name)).toContainText(TOKENS_PAGE_TEXT.status.pending);
  await expect(staffTokens.main, 'a Token is shown only once').not.toContainText(centralToken);

  await activate(central, centralToken);

  // The central officer → a service point of their department, and a second Token they then revoke.
  const tokens = await openTokensPage(central.page);
  await expect(tokens.roleOption('central'), 'a central officer cannot make another central officer').toHaveCount(0);
  await expect(tokens.unitOption(units.servicePoint.code)).toHaveCount(1);
  await expect(tokens.unitOption(CONTACT_CENTER_UNIT), 'units outside the department are not offered').toHaveCount(0);
  const servicePointToken = await tokens.issue({
    role: 'service_point',
    unitCode: units.servicePoint.code,
    citizenId: servicePoint.account.citizenId,
    name: servicePoint.name,
    reference: 'กท 0001/2569',
  });
  await tokens.goto();
  const revokedToken = await tokens.issue({
    role: 'agency',
    unitCode: units.division.code,
    citizenId: revokedOfficer.account.citizenId,
    name: revokedOfficer.name,
    reference: 'กท 0002/2569',
  });
  await tokens.goto();
  await tokens.pressAndConfirm(tokens.row(revokedOfficer.name), TOKENS_PAGE_TEXT.revokeButton);
  await expect(tokens.doneBanner).toBeVisible();
  await expect(tokens.row(revokedOfficer.name)).toContainText(TOKENS_PAGE_TEXT.status.revoked);
  await expect(tokens.row(revokedOfficer.name).getByRole('button', { name: TOKENS_PAGE_TEXT.revokeButton })).toHaveCount(0);
  await expect(tokens.row(servicePoint.name)).toContainText(TOKENS_PAGE_TEXT.status.pending);

  await activate(servicePoint, servicePointToken);
  await expect(new HomePage(servicePoint.page).main).toContainText(units.servicePoint.nameTh);
  await tokens.goto();
  await expect(tokens.row(servicePoint.name)).toContainText(TOKENS_PAGE_TEXT.status.used);

  // A service-point officer administers nothing; the refusal names their central officer.
  const refused = await servicePoint.page.goto(TokensPage.path);
  expect(refused?.status()).toBe(403);
  await expect(servicePoint.page.getByRole('heading', { level: 1, name: ERROR_PAGES.forbidden })).toBeVisible();
  await expect(servicePoint.page.getByRole('main')).toContainText(central.name);

  // The revoked Token opens nothing; the refusal says whom to contact, by name.
  await signInWithDigitalId(revokedOfficer.page, revokedOfficer.account);
  await expect(revokedOfficer.page).toHaveURL(backOfficeUrl(ActivationPage.path));
  const activation = new ActivationPage(revokedOfficer.page);
  await activation.enterToken(revokedToken);
  await expect(revokedOfficer.page).toHaveURL(backOfficeUrl(ActivationPage.path));
  await expect(activation.errorSummary).toContainText(ACTIVATION_PAGE_TEXT.contactYourCentralOfficer);
  await expect(activation.errorSummary).toContainText(central.name);
  await revokedOfficer.page.goto(HomePage.path);
  await expect(revokedOfficer.page, 'still not an officer').toHaveURL(backOfficeUrl(ActivationPage.path));
});

test('a central officer sees nothing outside their department and cannot act on it by posting forms by hand', async ({
  browser,
}, testInfo) => {
  const own: UnitTree = addUnitTree();
  const other: UnitTree = addUnitTree();
  const staff = await contactCenterStaff(browser, testInfo);
  const central = await person(browser, testInfo);
  const outsiderName = `นายนอกสังกัด ${other.department.code}`;
  const outsiderCitizenId = citizenId();
  importOfficers([
    { citizenId: central.account.citizenId, nameTh: central.name, unitCode: own.department.code, role: 'central' },
    { citizenId: outsiderCitizenId, nameTh: outsiderName, unitCode: other.servicePoint.code, role: 'service_point' },
  ]);
  const outsideTokenFor = citizenId();
  issueToken({ role: 'service_point', unit: other.servicePoint.code, citizenId: outsideTokenFor });

  // What a hand-made request would aim at: ids the Contact Center's pages show.
  const staffTokens = await openTokensPage(staff.page);
  const outsideRow = staffTokens.row(maskedCitizenId(outsideTokenFor));
  await expect(outsideRow).toContainText(other.servicePoint.nameTh);
  const outsideTokenId = await staffTokens.tokenIdOf(outsideRow);
  const staffAccounts = new AccountsPage(staff.page);
  await staffAccounts.goto();
  const outsiderId = await staffAccounts.officerIdOf(staffAccounts.row(outsiderName));

  await signInWithDigitalId(central.page, central.account);
  await expect(central.page).toHaveURL(backOfficeUrl(HomePage.path));

  // Through the pages: nothing of the other department.
  const tokens = await openTokensPage(central.page);
  await expect(tokens.unitOption(own.servicePoint.code)).toHaveCount(1);
  for (const unit of Object.values(other)) {
    await expect(tokens.unitOption(unit.code)).toHaveCount(0);
  }
  await expect(tokens.main).not.toContainText(other.servicePoint.nameTh);
  await expect(tokens.main).not.toContainText(maskedCitizenId(outsideTokenFor));
  const accounts = new AccountsPage(central.page);
  await accounts.goto();
  await expect(accounts.heading).toBeVisible();
  await expect(accounts.main).not.toContainText(outsiderName);
  await central.page.goto('/backend/audit');
  await expect(central.page.getByRole('main')).not.toContainText(other.department.nameTh);
  const units = await central.page.goto('/backend/units');
  expect(units?.status(), 'the organisation tree is the Contact Center\'s').toBe(403);

  // By hand, with the session's own cookies and synchroniser token.
  await tokens.goto();
  const csrf = await tokens.csrfToken();
  const issued = await postForm(central.page, TokensPage.issuePath, {
    csrf_token: csrf,
    role: 'service_point',
    unit: other.servicePoint.code,
    citizen_id: citizenId(),
    name: 'นายทดลอง มือ',
    reference: 'ทดสอบ 1/2569',
    lifetime_days: '7',
  });
  // Server functions: a form posted without JavaScript is sent back to the Tokens page, which says why.
  expect(issued.status, 'a unit outside the department is refused').toBe(303);
  expect(issued.location).toContain(`${TokensPage.path}?__path=`);
  await central.page.goto(issued.location);
  await expect(tokens.errorSummary).toContainText(TOKENS_PAGE_TEXT.unitNotAllowed);
  await expect(tokens.issuedToken).toHaveCount(0);
  for (const path of [TokensPage.revokePath, TokensPage.reissuePath]) {
    const answer = await postForm(central.page, path, { csrf_token: csrf, token_id: outsideTokenId });
    expect(answer.status, `${path} of another department's Token`).toBe(303);
    await central.page.goto(answer.location);
    await expect(tokens.errorSummary, `${path} of another department's Token`).toContainText(TOKENS_PAGE_TEXT.notInScope);
  }
  // A server function (`/api/accounts/status`): a form posted without JavaScript is sent back to its page, which
  // says the officer is not there.
  const suspended = await central.page.request.post('/api/accounts/status', {
    form: { csrf_token: csrf, officer_id: outsiderId, status: 'suspended' },
    headers: { Origin: BACK_OFFICE, Accept: 'text/html' },
    maxRedirects: 0,
  });
  expect(suspended.status(), "suspending another department's officer").toBe(303);
  await central.page.goto(suspended.headers()['location']);
  await expect(accounts.errorSummary).toContainText(ACCOUNTS_PAGE_TEXT.notInScope);

  // Nothing changed there.
  await staffTokens.goto();
  await expect(staffTokens.row(maskedCitizenId(outsideTokenFor))).toContainText(TOKENS_PAGE_TEXT.status.pending);
  await staffAccounts.goto();
  await expect(staffAccounts.row(outsiderName)).toContainText(ACCOUNTS_PAGE_TEXT.active);
});
