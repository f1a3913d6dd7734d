// The Token field once JavaScript runs (issue 22's first island, on issue 21's server function): the Token is shown
// in groups of four with a count as it is typed, its shape is checked before anything is sent, the server's refusal
// appears in place without a page load, and the right Token moves on to the activated page. Without JavaScript the
// same task is a plain POST and redirect (officer-activation.spec.ts runs in every project).
import { expect, test } from '@playwright/test';
import { addUnitTree, issueToken, unissuedToken } from '../pages/back-office-commands';
import { ACTIVATION_PAGE_TEXT, ActivationPage } from '../pages/activation-page';
import { backOfficeUrl, officerAccount, registerAccount, signInWithDigitalId } from '../pages/officer-journey';
import { OfficersPage } from '../pages/officers-page';

const ACTIVATE = '/api/activation/activate';

test('the Token is grouped as it is typed, checked before it is sent, and refused or accepted without a page load', async ({
  page,
  browser,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, 'without JavaScript the form is posted as it is (officer-activation.spec.ts)');
  const units = addUnitTree();
  const account = officerAccount();
  await registerAccount(browser, account);
  await signInWithDigitalId(page, account);
  await expect(page).toHaveURL(backOfficeUrl(ActivationPage.path));
  const activation = new ActivationPage(page);
  // The island's chunk has loaded once the count shows.
  await expect(activation.count).toBeVisible();

  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === ACTIVATE) posts += 1;
  });

  // Typed as read over the phone: lower case, spaces, an O for a zero.
  await expect(activation.count).toHaveText(new RegExp(`^0 / 28 ${ACTIVATION_PAGE_TEXT.characters}`));
  await activation.token.pressSequentially('7k3m q9xa o');
  await expect(activation.token).toHaveValue('7K3M-Q9XA-0');
  await expect(activation.count).toHaveText(new RegExp(`^9 / 28 ${ACTIVATION_PAGE_TEXT.characters}`));
  // A Thai letter (the keyboard is set to Thai) is left out, and the field says why.
  await activation.token.pressSequentially('ก');
  await expect(activation.token).toHaveValue('7K3M-Q9XA-0');
  await expect(activation.notice).toContainText(ACTIVATION_PAGE_TEXT.thaiKeyboard);

  // Too short: refused here, before anything is sent; the summary takes the focus.
  await activation.confirm.click();
  await expect(activation.errorSummary).toContainText(ACTIVATION_PAGE_TEXT.malformed);
  await expect(activation.errorSummary).toBeFocused();
  await expect(activation.token).toHaveAttribute('aria-invalid', 'true');
  expect(posts, 'a Token of the wrong shape is never sent').toBe(0);

  // Someone else's Token of this department: the server refuses it, and the page says whom to ask, in place.
  const someoneElses = issueToken({
    role: 'service_point',
    unit: units.servicePoint.code,
    citizenId: officerAccount().citizenId,
  });
  await activation.token.fill(someoneElses.toLowerCase());
  await expect(activation.count).toHaveText(new RegExp(`^28 / 28 ${ACTIVATION_PAGE_TEXT.characters}`));
  await activation.confirm.click();
  await expect(activation.errorSummary).toContainText(ACTIVATION_PAGE_TEXT.contactYourCentralOfficer);
  await expect(activation.errorSummary).toContainText(ACTIVATION_PAGE_TEXT.centralOfficersOf);
  await expect(activation.errorSummary).toContainText(units.department.nameTh);
  await expect(activation.errorSummary).toBeFocused();
  await expect(activation.token, 'a refused Token is not kept in the field').toHaveValue('');
  expect(posts).toBe(1);
  expect(navigations, 'the refusal came without a page load').toBe(0);

  // A wrong Token that was never issued, then the network down: what was typed stays.
  await page.route(`**${ACTIVATE}`, (route) => route.abort('internetdisconnected'));
  const wrong = unissuedToken();
  await activation.token.fill(wrong);
  await activation.confirm.click();
  await expect(activation.errorSummary).toContainText(ACTIVATION_PAGE_TEXT.unreachable);
  await expect(activation.token).toHaveValue(wrong);
  await page.unroute(`**${ACTIVATE}`);
  expect(navigations).toBe(0);

  // Their own Token: on to the activated page.
  const own = issueToken({ role: 'service_point', unit: units.servicePoint.code, citizenId: account.citizenId });
  await activation.token.fill(own);
  await activation.confirm.click();
  await expect(page).toHaveURL(backOfficeUrl('/backend/activated'));
  await expect(new OfficersPage(page).activatedNotice).toBeVisible();
});
