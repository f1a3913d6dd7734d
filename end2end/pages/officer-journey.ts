// Steps and facts the officer's journey specs share: a Digital ID account for an officer, what the back office
// shows of it, registering it as setup, and getting through Digital ID however much of it the simulator asks for.
import { expect, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import {
  BACK_OFFICE,
  ConsentPage,
  SIMULATOR,
  SignInPage as DigitalIdSignInPage,
  newAccount,
  raiseAssurance,
  registerThroughSignIn,
  type NewAccount,
} from './digital-id-pages';
import { press, typeInto } from './keyboard';
import { OfficersPage } from './officers-page';
import { SignInPage } from './sign-in-page';


const THAI_LETTERS = 'กขคงจฉชซดตถทธนบปผพฟภมยรลวศสหอฮ';

/** A Digital ID account with a family name of its own, so a page showing it shows this officer and no other. */
export function officerAccount(): NewAccount {
  const letters = Array.from({ length: 6 }, () => THAI_LETTERS[Math.floor(Math.random() * THAI_LETTERS.length)]);
  return { ...newAccount(), familyName: `ทดสอบ${letters.join('')}` };
}

/** The name the back office shows: Digital ID's title, given and family name in Thai order. */
export function digitalIdName(account: NewAccount): string {
  return `${account.title}${account.givenName} ${account.familyName}`;
}

/** The citizen ID as pages may show it: `1-1017-xxxxx-03-0`. */
export function maskedCitizenId(citizenId: string): string {
  return `${citizenId[0]}-${citizenId.slice(1, 5)}-xxxxx-${citizenId.slice(10, 12)}-${citizenId[12]}`;
}

/** The citizen ID as someone might write it in full: `1-1017-12345-03-0`. */
export function groupedCitizenId(citizenId: string): string {
  return `${citizenId[0]}-${citizenId.slice(1, 5)}-${citizenId.slice(5, 10)}-${citizenId.slice(10, 12)}-${citizenId[12]}`;
}

/** Matches the back office's address `path`, with or without a query. */
export function backOfficeUrl(path: string): RegExp {
  const escaped = `${BACK_OFFICE}${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}(\\?.*)?$`);
}

/**
 * Setup: registers `account` at the Digital ID simulator in a browser of its own (registering signs nobody in), then
 * raises its identity assurance as an officer would before using the back office: by default through the (simulated)
 * ThaID app to IAL 2.3, which every role accepts; `laser-code` gives 1.3, `none` leaves the self-registered 1.1.
 */
export async function registerAccount(
  browser: Browser,
  account: NewAccount,
  assurance: 'none' | 'laser-code' | 'thaid' = 'thaid',
): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await registerThroughSignIn(page, account, `setup-${account.username}`);
    if (assurance !== 'none') await raiseAssurance(page, account, assurance);
  } finally {
    await context.close();
  }
}

const isDigitalIdSignIn = (url: URL) => url.origin === SIMULATOR && url.pathname === '/Account/Login';
const isDigitalIdConsent = (url: URL) => url.origin === SIMULATOR && url.pathname === '/consent';
const isBackOfficePage = (url: URL) => url.origin === BACK_OFFICE && !url.pathname.startsWith('/auth/');

/** What Digital ID asked for on the way back to the back office. */
export interface DigitalIdSteps {
  askedToSignIn: boolean;
  askedToConsent: boolean;
}

/**
 * After pressing "Digital ID": signs in and answers the consent screen when the simulator shows them — with its
 * session still alive and consent already given it shows neither — until the browser is back on a back-office page.
 * `from` is the address the press was made on (the browser may not have left it yet). With `input: 'keyboard'` the
 * fields are reached with Tab and filled by typing, and the answer is pressed with Enter.
 */
export async function continueAtDigitalId(
  page: Page,
  account: NewAccount,
  from: string,
  decision: 'allow' | 'deny' = 'allow',
  input: 'pointer' | 'keyboard' = 'pointer',
): Promise<DigitalIdSteps> {
  const steps: DigitalIdSteps = { askedToSignIn: false, askedToConsent: false };
  let previous = from;
  for (let step = 0; step < 3; step += 1) {
    await page.waitForURL(
      (url) => url.href !== previous && (isDigitalIdSignIn(url) || isDigitalIdConsent(url) || isBackOfficePage(url)),
    );
    const url = new URL(page.url());
    previous = url.href;
    if (isBackOfficePage(url)) return steps;
    if (isDigitalIdSignIn(url) && !steps.askedToSignIn) {
      steps.askedToSignIn = true;
      const signIn = new DigitalIdSignInPage(page);
      await expect(signIn.heading).toBeVisible();
      if (input === 'keyboard') {
        await typeInto(page, signIn.login, account.username);
        await typeInto(page, signIn.password, account.password);
        await page.keyboard.press('Enter');
      } else {
        await signIn.signIn(account.username, account.password);
      }
    } else if (isDigitalIdConsent(url) && !steps.askedToConsent) {
      steps.askedToConsent = true;
      const consent = new ConsentPage(page);
      await expect(consent.heading).toBeVisible();
      const answer = decision === 'allow' ? consent.allow : consent.deny;
      await (input === 'keyboard' ? press(page, answer) : answer.click());
    } else {
      throw new Error(`Digital ID asked again for a step already taken: ${url.href}`);
    }
  }
  throw new Error(`still at Digital ID after signing in and consenting: ${page.url()}`);
}

/** How far the page reaches past the viewport's right edge, in CSS pixels (0 or less: no sideways scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
}

/**
 * A browser of its own for one more person in a spec (each officer has their own sessions), with the project's
 * settings: JavaScript on or off, the browser's locale, the language cookie of the English project and the back
 * office as base URL.
 */
export async function personContext(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  const { baseURL, locale, javaScriptEnabled, viewport, storageState } = testInfo.project.use;
  return browser.newContext({ baseURL, locale, javaScriptEnabled, viewport, storageState });
}

/** From the officers' page: "เข้าสู่ระบบ", "Digital ID", and through Digital ID back to the back office. */
export async function signInWithDigitalId(page: Page, account: NewAccount): Promise<void> {
  const officers = new OfficersPage(page);
  await officers.goto();
  await officers.signInLink.click();
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  const from = page.url();
  await new SignInPage(page).digitalIdButton.click();
  await continueAtDigitalId(page, account, from);
}
