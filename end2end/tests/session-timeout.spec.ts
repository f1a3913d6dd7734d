// Before the idle timeout ends a session, an accessible modal dialog says how long is left and offers "stay signed
// in" or "sign out"; every tab of the browser agrees; at the end the officer lands on the signed-out page, told why.
// The browser's clock is Playwright's (fast-forwarded, not waited for); the server's own idle timeout is covered by
// server/tests/session_timeout.rs with a configured one-minute timeout. Without JavaScript nothing changes: there is
// no dialog, and the session simply ends on the server.
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from '../pages/accessibility';
import { addUnitTree, importOfficers } from '../pages/back-office-commands';
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
import { ProfilePage } from '../pages/profile-page';

const TEXT = inBothLanguages({
  th: {
    dialog: 'ใกล้หมดเวลาการใช้งาน',
    stay: 'อยู่ในระบบต่อ',
    signOut: 'ออกจากระบบ',
    left: /ในอีก 1 นาที \d+ วินาที/,
    signedOutIdle: 'ระบบได้ออกจากระบบให้ท่านแล้ว เนื่องจากไม่มีการใช้งาน',
  },
  en: {
    dialog: 'You will be signed out soon',
    stay: 'Stay signed in',
    signOut: 'Sign out',
    left: /in 1 minute \d+ seconds?/,
    signedOutIdle: 'You were signed out because you were inactive',
  },
});

const STAY = '/api/session/extend';

const dialogOf = (page: Page) => page.getByRole('dialog', { name: TEXT.dialog });
/**
 * Waits for the islands. Under Playwright's clock the islands script's idle callback runs only as the clock moves,
 * and `performance` marks are not kept, so the sign is the text-size control, which shows once hydrated.
 */
async function hydrated(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      await page.clock.runFor(250);
      return page.locator('.text-size').isVisible();
    })
    .toBe(true);
}

test('the idle-timeout warning: stay signed in in one tab counts for all, Escape stays too, and time up signs out', async ({
  browser,
  javaScriptEnabled,
}, testInfo) => {
  test.skip(!javaScriptEnabled, 'without JavaScript there is no dialog: the session ends on the server');
  const units = addUnitTree();
  const account = officerAccount();
  await registerAccount(browser, account);
  importOfficers([
    { citizenId: account.citizenId, nameTh: digitalIdName(account), unitCode: units.servicePoint.code, role: 'service_point' },
  ]);
  const context = await personContext(browser, testInfo);
  await context.clock.install();
  const home = await context.newPage();
  await signInWithDigitalId(home, account);
  await expect(home).toHaveURL(backOfficeUrl(HomePage.path));
  await hydrated(home);
  // A second tab of the same browser.
  const profile = await context.newPage();
  await profile.goto(ProfilePage.path);
  await hydrated(profile);
  await expect(dialogOf(home)).toBeHidden();

  // 28½ minutes without a request: both tabs warn, with the time left, the focus on "stay signed in".
  await context.clock.fastForward('28:30');
  for (const page of [home, profile]) {
    await expect(dialogOf(page)).toBeVisible();
    await expect(dialogOf(page)).toContainText(TEXT.left);
    await expect(page.getByRole('button', { name: TEXT.stay })).toBeFocused();
  }
  await checkPage(home, 'session-timeout-dialog');

  // "Stay signed in" in one tab: the server restarts the idle timeout, and the other tab's warning goes too.
  const stayed = home.waitForResponse((response) => new URL(response.url()).pathname === STAY);
  await home.getByRole('button', { name: TEXT.stay }).click();
  expect((await stayed).status()).toBe(200);
  await expect(dialogOf(home)).toBeHidden();
  await context.clock.fastForward('00:02');
  await expect(dialogOf(profile)).toBeHidden();
  await expect(home.getByRole('heading', { level: 1 })).toBeVisible();

  // Warned again later: Escape is "stay signed in" as well.
  await context.clock.fastForward('28:30');
  await expect(dialogOf(profile)).toBeVisible();
  const escaped = profile.waitForResponse((response) => new URL(response.url()).pathname === STAY);
  await profile.keyboard.press('Escape');
  expect((await escaped).status()).toBe(200);
  await expect(dialogOf(profile)).toBeHidden();

  // Nobody answers the next warning: at the end both tabs are on the signed-out page, told why, and signed out.
  await context.clock.fastForward('30:05');
  for (const page of [home, profile]) {
    await expect(page).toHaveURL(backOfficeUrl('/backend/signed-out'));
    await expect(page.getByRole('status')).toContainText(TEXT.signedOutIdle);
  }
  await home.goto(HomePage.path);
  await expect(home).not.toHaveURL(backOfficeUrl(HomePage.path));
  await context.close();
});
