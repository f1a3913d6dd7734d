// Page by page along the officer's journey, on a 360 px touch phone: every page's <title> says where the officer
// is, nothing makes the page scroll sideways, and the name menu works by touch.
import { expect, test, type Page } from '@playwright/test';
import { addUnitTree, importOfficers } from '../pages/back-office-commands';
import { ActivationPage } from '../pages/activation-page';
import { PRODUCT, inBothLanguages } from '../pages/language';
import {
  backOfficeUrl,
  continueAtDigitalId,
  digitalIdName,
  horizontalOverflow,
  officerAccount,
  registerAccount,
} from '../pages/officer-journey';
import { OfficersPage } from '../pages/officers-page';
import { ProfilePage } from '../pages/profile-page';
import { SignInPage } from '../pages/sign-in-page';
import { SiteHeader } from '../pages/site-header';

/** Each page's title before " – " and the product's name (in one place, to follow a rewording). */
const PAGE_TITLES = inBothLanguages({
  th: {
    '/backend': 'เว็บไซต์สำหรับเจ้าหน้าที่',
    '/backend/sign-in': 'เข้าสู่ระบบ',
    // The signed-out and activated addresses are the officers' page with a banner.
    '/backend/signed-out': 'เว็บไซต์สำหรับเจ้าหน้าที่',
    '/backend/activated': 'เว็บไซต์สำหรับเจ้าหน้าที่',
    '/backend/consent-declined': 'ไม่ได้ให้ความยินยอม',
    '/backend/sign-in-failed': 'เข้าสู่ระบบไม่สำเร็จ',
    '/backend/assurance-required': 'ต้องยืนยันตัวตนกับ Digital ID ในระดับที่สูงขึ้น',
    '/backend/activate': 'ยืนยันตัวตน',
    '/backend/home': 'หน้าแรก',
    '/backend/profile': 'ข้อมูลส่วนตัว',
  },
  en: {
    '/backend': "Officers' website",
    '/backend/sign-in': 'Sign in',
    '/backend/signed-out': "Officers' website",
    '/backend/activated': "Officers' website",
    '/backend/consent-declined': 'Consent not given',
    '/backend/sign-in-failed': 'Sign-in failed',
    '/backend/assurance-required': 'Stronger identity proofing needed at Digital ID',
    '/backend/activate': 'Confirm your identity',
    '/backend/home': 'Home',
    '/backend/profile': 'Profile',
  },
});

type JourneyPath = keyof typeof PAGE_TITLES;

// A phone: 360 px wide, with a touch screen.
test.use({ viewport: { width: 360, height: 740 }, hasTouch: true });

async function expectWellFormed(page: Page, path: JourneyPath): Promise<void> {
  await expect(page).toHaveURL(backOfficeUrl(path));
  await expect(page).toHaveTitle(`${PAGE_TITLES[path]} – ${PRODUCT.name}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await horizontalOverflow(page), `${path} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
}

const OPEN_TO_ANYONE: JourneyPath[] = [
  '/backend',
  '/backend/sign-in',
  '/backend/signed-out',
  '/backend/activated',
  '/backend/consent-declined',
  '/backend/sign-in-failed',
  '/backend/assurance-required',
];

/** What each page is opened with: a failed sign-in's reference, an account's level and the level needed. */
const QUERIES: Record<string, string> = {
  '/backend/sign-in-failed': '?reference=3FA9C01B7E',
  '/backend/assurance-required': '?have=1.1&need=2.3&verified=0&id=1&role=central',
};

for (const path of OPEN_TO_ANYONE) {
  test(`${path} has its own title and fits a 360 px screen`, async ({ page }) => {
    await page.goto(`${path}${QUERIES[path] ?? ''}`);
    await expectWellFormed(page, path);
  });
}

test('the Token page, with and without an error, has its title and fits a 360 px screen', async ({ page, browser }) => {
  const account = officerAccount();
  await registerAccount(browser, account);
  await page.goto(SignInPage.path);
  const from = page.url();
  await new SignInPage(page).digitalIdButton.click();
  await continueAtDigitalId(page, account, from);
  await expectWellFormed(page, '/backend/activate');

  // A Token of the wrong shape (which does not count against the attempt limit) shows the error summary.
  const activation = new ActivationPage(page);
  await activation.enterToken('ABCD-EFGH');
  await expect(activation.errorSummary).toBeVisible();
  await expectWellFormed(page, '/backend/activate');
});

test('home and profile, and the name menu between them, have their titles and fit a 360 px screen', async ({
  page,
  browser,
}) => {
  const units = addUnitTree();
  const account = officerAccount();
  const name = digitalIdName(account);
  await registerAccount(browser, account);
  // The deepest chain: a service point's officer, whose unit line is the longest.
  importOfficers([{ citizenId: account.citizenId, nameTh: name, unitCode: units.servicePoint.code, role: 'service_point' }]);

  await new OfficersPage(page).goto();
  await new OfficersPage(page).signInLink.click();
  const from = page.url();
  await new SignInPage(page).digitalIdButton.click();
  await continueAtDigitalId(page, account, from);
  await expectWellFormed(page, '/backend/home');

  // The name menu opens and its links work by touch.
  const header = new SiteHeader(page);
  await header.nameButton(name).tap();
  await expect(header.profileLink).toBeVisible();
  expect(await horizontalOverflow(page), 'the open name menu scrolls sideways at 360 px').toBeLessThanOrEqual(0);
  await header.profileLink.tap();
  await expectWellFormed(page, '/backend/profile');
  await expect(new ProfilePage(page).unitChain).toHaveCount(4);
});
