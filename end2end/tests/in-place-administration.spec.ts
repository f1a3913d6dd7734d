// The administration pages in place (app/src/components/in_place.rs, issues 21 and 22): once JavaScript runs, every
// action answers without a page load (navigations are counted) — issuing a Token (its citizen ID checked as typed,
// the Token copied), filtering the list as typed, revoking and re-issuing after a confirmation, finding a unit and
// folding the tree, searching officers as typed and suspending one, filtering the audit log by a day written in the
// Buddhist Era. The same tasks without JavaScript are plain forms and links: the officers' search and the audit
// filter are checked here in every project; issuing, revoking and suspending in delegated-administration.spec.ts and
// officer-accounts.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import { CONTACT_CENTER_UNIT, addUnitTree, importOfficers, issueToken } from '../pages/back-office-commands';
import { ACCOUNTS_PAGE_TEXT, AccountsPage } from '../pages/accounts-page';
import { citizenId } from '../pages/digital-id-pages';
import { HomePage } from '../pages/home-page';
import { inBothLanguages } from '../pages/language';
import {
  backOfficeUrl,
  digitalIdName,
  officerAccount,
  personContext,
  registerAccount,
  signInWithDigitalId,
} from '../pages/officer-journey';
import { TOKENS_PAGE_TEXT, TokensPage } from '../pages/tokens-page';
import { checkPage } from '../pages/accessibility';

const TEXT = inBothLanguages({
  th: {
    checksum: 'เลขประจำตัวประชาชนไม่ถูกต้อง',
    digits: (n: number) => `${n} / 13 หลัก`,
    tokensFilter: 'กรองรายการ Token',
    goBack: 'ไม่ใช่ กลับไป',
    copy: 'คัดลอก Token',
    copied: 'คัดลอก Token แล้ว',
    find: 'ค้นหาหน่วยงาน',
    addUnit: 'เพิ่มหน่วยงาน',
    unitsTitle: 'โครงสร้างหน่วยงาน',
    subunits: (name: string) => `หน่วยงานภายใต้ ${name}`,
    search: 'ค้นหาเจ้าหน้าที่',
    auditTitle: 'บันทึกการใช้งาน (Audit log)',
    from: 'ตั้งแต่วันที่',
    filter: 'กรอง',
    entries: 'รายการ',
    dateInvalid: 'วันที่ไม่ถูกต้อง',
    unreachable: 'ติดต่อระบบไม่ได้',
    noUnit: 'ไม่พบหน่วยงานที่ตรงกับคำค้น',
    day: (date: Date) => `${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear() + 543}`,
    badDay: '31/2/2569',
    more: 'แสดงรายการเพิ่มเติม',
  },
  en: {
    checksum: 'The citizen ID number is not valid',
    digits: (n: number) => `${n} / 13 digits`,
    tokensFilter: 'Filter the Tokens',
    goBack: 'No, go back',
    copy: 'Copy the Token',
    copied: 'Token copied',
    find: 'Find a unit',
    addUnit: 'Add unit',
    unitsTitle: 'Organisation units',
    subunits: (name: string) => `Units under ${name}`,
    search: 'Find an officer',
    auditTitle: 'Audit log',
    from: 'From',
    filter: 'Filter',
    entries: 'Entries',
    dateInvalid: 'The date is not valid',
    unreachable: 'The service could not be reached',
    noUnit: 'No unit matches',
    day: (date: Date) => `${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear()}`,
    badDay: '31/2/2026',
    more: 'Show more entries',
  },
});

test.setTimeout(150_000);

/**
 * Counts the page loads of `page`'s main frame from now on: requests for a document (an address changed by
 * `history.pushState`, which Playwright also reports as a frame navigation, loads nothing).
 */
function countNavigations(page: Page): () => number {
  let navigations = 0;
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations += 1;
  });
  return () => navigations;
}

/** Waits until the administration pages' island has run (it marks the document). */
async function inPlaceReady(page: Page): Promise<void> {
  await expect(page.locator('html[data-in-place]')).toHaveCount(1);
}

/** Today in Bangkok, as a UTC date whose fields are Bangkok's. */
function bangkokToday(): Date {
  return new Date(Date.now() + 7 * 3600 * 1000);
}

test('Contact Center staff issue, copy, filter, revoke and re-issue Tokens and find units, all without a page load', async ({
  browser,
  javaScriptEnabled,
}, testInfo) => {
  test.skip(!javaScriptEnabled, 'the same tasks without JavaScript: delegated-administration.spec.ts');
  const units = addUnitTree();
  const account = officerAccount();
  await registerAccount(browser, account);
  importOfficers([
    { citizenId: account.citizenId, nameTh: digitalIdName(account), unitCode: CONTACT_CENTER_UNIT, role: 'contact_center' },
  ]);
  const context = await personContext(browser, testInfo);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));

  const tokens = new TokensPage(page);
  await tokens.goto();
  await inPlaceReady(page);
  const navigations = countNavigations(page);

  // The citizen ID is checked as it is typed: the digits counted, a wrong check digit said at once.
  const first = { name: `นายอินเพลส หนึ่ง ${units.ministry.code}`, citizenId: citizenId() };
  const wrong = first.citizenId.slice(0, 12) + String((Number(first.citizenId[12]) + 1) % 10);
  await tokens.citizenId.fill(wrong);
  await expect(page.locator('#citizen_id-check')).toContainText(TEXT.checksum);
  await expect(tokens.citizenId).toHaveAttribute('aria-invalid', 'true');
  await tokens.citizenId.fill(first.citizenId.slice(0, 5));
  await expect(page.locator('#citizen_id-check')).toHaveText(TEXT.digits(5));

  // The unit is found by part of its name, from the keyboard: the list shows each match with its parents; the
  // arrow keys move through it and Enter chooses (without sending the form); the hidden select holds the code.
  await expect(tokens.unit).toHaveAttribute('role', 'combobox');
  await tokens.unit.fill(`ทดสอบการบริการ ${units.ministry.code.slice('MIN-'.length)}`);
  const listbox = page.getByRole('listbox');
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await expect(listbox.getByRole('option')).toContainText(units.ministry.nameTh);
  await checkPage(page, 'tokens-unit-combobox');
  // Its ministry's name finds it too (a Contact Center issues Tokens for departments: the list holds those).
  await tokens.unit.fill(units.ministry.nameTh);
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await tokens.unit.press('ArrowDown');
  await expect(tokens.unit).toHaveAttribute('aria-activedescendant', /-0$/);
  await tokens.unit.press('Enter');
  await expect(tokens.unit).toHaveAttribute('aria-expanded', 'false');
  await expect(tokens.unit).toHaveValue(units.department.nameTh);
  await expect(page.locator('select[name="unit"]')).toHaveValue(units.department.code);
  // Something that is no unit is not kept: leaving the field puts back the unit chosen.
  await tokens.unit.fill('ไม่มีหน่วยงานนี้');
  await expect(listbox).toContainText(TEXT.noUnit);
  await tokens.unit.press('Tab');
  await expect(tokens.unit).toHaveValue(units.department.nameTh);

  // Issued in place: the Token and its letter, and a button that copies it.
  const token = await tokens.issue({
    role: 'central',
    unitCode: units.department.code,
    citizenId: first.citizenId,
    name: first.name,
    reference: 'สพร. 0201/2569',
  });
  await expect(tokens.letter).toContainText(first.name);
  await page.getByRole('button', { name: TEXT.copy, exact: true }).click();
  await expect(page.locator('#announcer')).toHaveText(TEXT.copied);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  expect(navigations(), 'issued without a page load').toBe(0);

  // A second Token, then the list: filtered as typed.
  await tokens.goto();
  await inPlaceReady(page);
  const second = { name: `นางอินเพลส สอง ${units.ministry.code}`, citizenId: citizenId() };
  await tokens.issue({
    role: 'central',
    unitCode: units.department.code,
    citizenId: second.citizenId,
    name: second.name,
    reference: 'สพร. 0202/2569',
  });
  await tokens.goto();
  await inPlaceReady(page);
  const afterLoad = navigations();
  const filter = page.getByLabel(TEXT.tokensFilter, { exact: true });
  await filter.fill(`หนึ่ง ${units.ministry.code}`);
  await expect(tokens.row(first.name)).toBeVisible();
  await expect(tokens.row(second.name)).toBeHidden();
  await filter.fill('');
  await expect(tokens.row(second.name)).toBeVisible();

  // Revoke asks first: going back (Escape too) sends nothing and returns the focus to the button.
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/api/tokens/')) posts += 1;
  });
  const revoke = tokens.row(first.name).getByRole('button', { name: TOKENS_PAGE_TEXT.revokeButton, exact: true });
  await revoke.click();
  await expect(tokens.confirmDialog).toBeVisible();
  await expect(tokens.confirmDialog).toContainText(first.name);
  await tokens.confirmDialog.getByRole('button', { name: TEXT.goBack, exact: true }).click();
  await expect(tokens.confirmDialog).toBeHidden();
  await expect(revoke).toBeFocused();
  await revoke.click();
  await expect(tokens.confirmDialog).toBeVisible();
  await checkPage(page, 'tokens-confirm-dialog');
  await page.keyboard.press('Escape');
  await expect(tokens.confirmDialog).toBeHidden();
  expect(posts, 'nothing is sent until the officer confirms').toBe(0);

  // Confirmed: revoked in place, the banner says so and takes the focus, the row is updated.
  await tokens.pressAndConfirm(tokens.row(first.name), TOKENS_PAGE_TEXT.revokeButton);
  await expect(tokens.doneBanner).toBeVisible();
  await expect(tokens.doneBanner).toBeFocused();
  await expect(tokens.row(first.name)).toContainText(TOKENS_PAGE_TEXT.status.revoked);
  await expect(page).toHaveURL(backOfficeUrl(`${TokensPage.path}?done=revoked`));
  expect(posts).toBe(1);

  // Re-issued in place: the new Token is shown at once.
  await tokens.pressAndConfirm(tokens.row(second.name), TOKENS_PAGE_TEXT.reissueButton);
  await expect(page.getByRole('heading', { level: 1, name: TOKENS_PAGE_TEXT.issuedHeading(second.name) })).toBeFocused();
  await expect(tokens.issuedToken).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
  expect(navigations(), 'revoked and re-issued without a page load').toBe(afterLoad);

  // The organisation tree: a unit added in place (the tree shows it at once), then find a unit (its parents stay
  // shown), fold and unfold a unit's sub-units.
  await page.goto('/backend/units');
  await inPlaceReady(page);
  const atUnits = navigations();
  const newCode = `NEW-${units.ministry.code.slice('MIN-'.length)}`;
  // The add form's fields (each unit's own forms below have fields of the same names).
  await page.locator('#code').fill(newCode);
  await page.locator('#name_th').fill(`กระทรวงใหม่ ${newCode}`);
  await page.locator('#kind').selectOption('ministry');
  await page.getByRole('button', { name: TEXT.addUnit, exact: true }).click();
  // The units page is long (every unit with its forms): its answer may take a moment on a busy machine.
  await expect(page.getByRole('status').first()).toBeFocused({ timeout: 15_000 });
  await expect(page.locator('ol.unit-tree')).toContainText(`กระทรวงใหม่ ${newCode}`);
  await expect(page.locator('#code'), 'the form is empty again').toHaveValue('');
  expect(navigations(), 'a unit added without a page load').toBe(atUnits);
  const item = (name: string) =>
    page.locator('ol.unit-tree > li').filter({ has: page.locator('.unit-tree__name', { hasText: name }) });
  await page.getByLabel(TEXT.find, { exact: true }).fill(units.department.nameTh);
  await expect(item(units.department.nameTh)).toBeVisible();
  await expect(item(units.ministry.nameTh)).toBeVisible();
  await expect(item(units.division.nameTh)).toBeHidden();
  await checkPage(page, 'units-find');
  await page.getByLabel(TEXT.find, { exact: true }).fill('');
  await expect(item(units.division.nameTh)).toBeVisible();
  const fold = page.getByRole('button', { name: TEXT.subunits(units.ministry.nameTh), exact: true });
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(item(units.department.nameTh)).toBeHidden();
  await expect(item(units.servicePoint.nameTh)).toBeHidden();
  await fold.press('Enter');
  await expect(item(units.servicePoint.nameTh)).toBeVisible();
});

test('a central officer searches officers as typed, suspends one in place, and filters the audit log by a Buddhist-Era day', async ({
  browser,
  javaScriptEnabled,
}, testInfo) => {
  const own = addUnitTree();
  const account = officerAccount();
  await registerAccount(browser, account);
  const found = `นางค้นพบ ${own.division.code}`;
  const other = `นายอื่นอื่น ${own.servicePoint.code}`;
  importOfficers([
    { citizenId: account.citizenId, nameTh: digitalIdName(account), unitCode: own.department.code, role: 'central' },
    { citizenId: citizenId(), nameTh: found, unitCode: own.division.code, role: 'agency' },
    { citizenId: citizenId(), nameTh: other, unitCode: own.servicePoint.code, role: 'service_point' },
  ]);
  const page = await (await personContext(browser, testInfo)).newPage();
  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(HomePage.path));

  const accounts = new AccountsPage(page);
  await accounts.goto();
  if (javaScriptEnabled) await inPlaceReady(page);
  const navigations = countNavigations(page);
  const search = page.getByLabel(TEXT.search, { exact: true });

  // The search: as typed with JavaScript (the field keeps the focus), by its button without.
  if (javaScriptEnabled) {
    await search.pressSequentially('ค้นพบ', { delay: 30 });
  } else {
    await search.fill('ค้นพบ');
    await search.press('Enter');
  }
  await expect(accounts.row(other)).toHaveCount(0);
  await expect(accounts.row(found)).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=/);
  if (javaScriptEnabled) {
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('ค้นพบ');
  }

  // Suspended from the results: the banner and the row, in place with JavaScript.
  await accounts.row(found).getByRole('button', { name: ACCOUNTS_PAGE_TEXT.suspend, exact: true }).click();
  await expect(accounts.doneBanner).toContainText(ACCOUNTS_PAGE_TEXT.doneSuspended);
  await expect(accounts.row(found)).toContainText(ACCOUNTS_PAGE_TEXT.suspended);
  await expect(page).toHaveURL(backOfficeUrl('/backend/accounts?done=suspended'));

  if (javaScriptEnabled) expect(navigations(), 'searched and suspended without a page load').toBe(0);

  // The audit log from today, typed as officers write it (day/month/Buddhist-Era year in Thai).
  await page.goto('/backend/audit');
  if (javaScriptEnabled) await inPlaceReady(page);
  const atAudit = navigations();
  const from = page.getByLabel(TEXT.from, { exact: true });
  await expect(from).toHaveAttribute('type', 'text');
  await from.fill(TEXT.day(bangkokToday()));
  await page.getByRole('button', { name: TEXT.filter, exact: true }).click();
  await expect(page).toHaveURL(/[?&]from=/);
  await expect(page.getByRole('heading', { level: 2, name: TEXT.entries, exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByRole('row').filter({ hasText: found })).not.toHaveCount(0);
  await expect(from).toHaveValue(TEXT.day(bangkokToday()));
  if (javaScriptEnabled) await expect(page.getByRole('heading', { level: 2, name: TEXT.entries, exact: true })).toBeFocused();
  if (javaScriptEnabled) await checkPage(page, 'audit-filtered-by-thai-date');

  // More than a page of entries (50 Tokens issued at the command line, each audited): "show more" adds the next
  // ones — in place with JavaScript, the focus on the first new entry; a plain link without.
  for (let i = 0; i < 50; i += 1) issueToken({ role: 'agency', unit: own.division.code });
  await page.getByRole('button', { name: TEXT.filter, exact: true }).click();
  const entries = page.getByRole('main').locator('#audit-results tbody tr');
  await expect(entries).toHaveCount(50);
  const atMore = navigations();
  await page.getByRole('link', { name: TEXT.more, exact: true }).click();
  await expect(page).toHaveURL(/[?&]shown=100/);
  await expect.poll(() => entries.count()).toBeGreaterThan(50);
  if (javaScriptEnabled) {
    await expect(entries.nth(50)).toBeFocused();
    expect(navigations(), 'more entries without a page load').toBe(atMore);
  }

  // A day that does not exist: the summary says so, the field keeps what was typed.
  await from.fill(TEXT.badDay);
  await page.getByRole('button', { name: TEXT.filter, exact: true }).click();
  await expect(accounts.errorSummary).toContainText(TEXT.dateInvalid);
  await expect(from).toHaveValue(TEXT.badDay);
  if (javaScriptEnabled) {
    await expect(accounts.errorSummary).toBeFocused();
    expect(navigations(), 'filtered without a page load').toBe(atAudit);
  }

  // With JavaScript, no answer (the network is down): the filter stays as typed and the page says so.
  if (javaScriptEnabled) {
    await page.route('**/backend/audit?*', (route) => route.abort('internetdisconnected'));
    await from.fill(TEXT.day(bangkokToday()));
    await page.getByRole('button', { name: TEXT.filter, exact: true }).click();
    await expect(page.locator('.in-place-failure')).toContainText(TEXT.unreachable);
    await expect(from).toHaveValue(TEXT.day(bangkokToday()));
    await page.unroute('**/backend/audit?*');
  }
});
