// The officers page of a central officer, through its own forms (server functions posted by `<ActionForm>`): suspend,
// reactivate and move an officer of their department; a role that does not fit the chosen unit is refused next to
// the field, with nothing changed; a change aimed by hand at another department's officer is refused as not there.
// Run in every project: with JavaScript, and without it (a plain POST answered by a redirect back to the page).
import { expect, test, type Page } from '@playwright/test';
import { addUnitTree, importOfficers } from '../pages/back-office-commands';
import { ACCOUNTS_PAGE_TEXT, AccountsPage } from '../pages/accounts-page';
import { chooseUnit } from '../pages/unit-field';
import { BACK_OFFICE, citizenId } from '../pages/digital-id-pages';
import { HomePage } from '../pages/home-page';
import {
  backOfficeUrl,
  digitalIdName,
  officerAccount,
  personContext,
  registerAccount,
  signInWithDigitalId,
} from '../pages/officer-journey';

test.setTimeout(120_000);

test('a central officer suspends, reactivates and moves an officer, and a role that does not fit the unit is refused by its field', async ({
  browser,
  javaScriptEnabled,
}, testInfo) => {
  const own = addUnitTree();
  const other = addUnitTree();
  const account = officerAccount();
  await registerAccount(browser, account);
  const officerName = `นางหน่วยงาน ${own.division.code}`;
  const outsiderName = `นายนอกสังกัด ${other.division.code}`;
  importOfficers([
    { citizenId: account.citizenId, nameTh: digitalIdName(account), unitCode: own.department.code, role: 'central' },
    { citizenId: citizenId(), nameTh: officerName, unitCode: own.division.code, role: 'agency' },
    { citizenId: citizenId(), nameTh: outsiderName, unitCode: other.division.code, role: 'agency' },
  ]);
  const page: Page = await (await personContext(browser, testInfo)).newPage();
  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));

  const accounts = new AccountsPage(page);
  await accounts.goto();
  const row = accounts.row(officerName);
  await expect(row).toContainText(ACCOUNTS_PAGE_TEXT.active);
  const officerId = await accounts.officerIdOf(row);

  // Suspend, then reactivate: each lands back on the page with its banner and the row updated.
  await row.getByRole('button', { name: ACCOUNTS_PAGE_TEXT.suspend, exact: true }).click();
  await expect(page).toHaveURL(backOfficeUrl('/backend/accounts?done=suspended'));
  await expect(accounts.doneBanner).toContainText(ACCOUNTS_PAGE_TEXT.doneSuspended);
  await expect(accounts.row(officerName)).toContainText(ACCOUNTS_PAGE_TEXT.suspended);
  await accounts.row(officerName).getByRole('button', { name: ACCOUNTS_PAGE_TEXT.reactivate, exact: true }).click();
  await expect(page).toHaveURL(backOfficeUrl('/backend/accounts?done=reactivated'));
  await expect(accounts.doneBanner).toContainText(ACCOUNTS_PAGE_TEXT.doneReactivated);
  await expect(accounts.row(officerName)).toContainText(ACCOUNTS_PAGE_TEXT.active);

  // A service-point role at a division does not fit: refused by the unit field, the form left open.
  const change = async (role: string, unitCode: string) => {
    const target = accounts.row(officerName);
    const details = target.locator('details');
    if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
      await target.getByText(ACCOUNTS_PAGE_TEXT.change, { exact: true }).click();
    }
    await target.getByLabel(ACCOUNTS_PAGE_TEXT.newRole, { exact: true }).selectOption(role);
    await chooseUnit(target.getByLabel(ACCOUNTS_PAGE_TEXT.newUnit, { exact: true }), unitCode);
    await target.getByRole('button', { name: ACCOUNTS_PAGE_TEXT.save, exact: true }).click();
  };
  await change('service_point', own.division.code);
  await expect(page).toHaveURL(/\/backend\/accounts\?__path=/);
  await expect(accounts.errorSummary).toContainText(ACCOUNTS_PAGE_TEXT.roleDoesNotFitUnit);
  await expect(page.locator(`#unit-${officerId}-error`)).toContainText(ACCOUNTS_PAGE_TEXT.roleDoesNotFitUnit);
  await expect(accounts.errorSummary.getByRole('link')).toHaveAttribute('href', `#unit-${officerId}`);
  await expect(accounts.row(officerName)).toContainText(own.division.nameTh);

  // The same officer moved to the service point, as a service-point officer: done — with JavaScript, in place.
  let documents = 0;
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents += 1;
  });
  await change('service_point', own.servicePoint.code);
  await expect(page).toHaveURL(backOfficeUrl('/backend/accounts?done=assigned'));
  await expect(accounts.doneBanner).toContainText(ACCOUNTS_PAGE_TEXT.doneAssigned);
  await expect(accounts.row(officerName)).toContainText(own.servicePoint.nameTh);
  if (javaScriptEnabled) expect(documents, 'moved without a page load').toBe(0);

  // By hand, at an officer this page never showed (another department's are tried in delegated-administration):
  // refused as not there, by a redirect back to the page that says so.
  await expect(accounts.main).not.toContainText(outsiderName);
  const csrf = await row.locator('input[name="csrf_token"]').first().inputValue();
  const forged = await page.request.post('/api/accounts/status', {
    form: { csrf_token: csrf, officer_id: '2147483000', status: 'suspended' },
    headers: { Origin: BACK_OFFICE, Accept: 'text/html' },
    maxRedirects: 0,
  });
  expect(forged.status(), 'a form posted without JavaScript is answered with a redirect').toBe(303);
  const refusedAt = forged.headers()['location'];
  expect(refusedAt).toMatch(/^\/backend\/accounts\?__path=\/api\/accounts\/status&__err=/);
  await page.goto(refusedAt);
  await expect(accounts.errorSummary).toContainText(ACCOUNTS_PAGE_TEXT.notInScope);
});
