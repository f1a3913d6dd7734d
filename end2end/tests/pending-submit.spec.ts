// With JavaScript, a form that has been sent says so and is never sent twice: a double click or a second Enter on a
// slow link posts once (a second Token issue or a Token attempt counted twice would be real harm). Without
// JavaScript the browser does what it always does, and the page still works.
import { expect, test } from '@playwright/test';
import { backOfficeUrl } from '../pages/officer-journey';
import { language } from '../pages/language';
import { SignInPage } from '../pages/sign-in-page';
import { SiteHeader } from '../pages/site-header';

test('a form pressed twice on a slow link is posted once and shows it is pending meanwhile', async ({
  page,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, 'the guard runs once the page is hydrated');
  await page.goto(SignInPage.path);
  await page.waitForFunction(() => performance.getEntriesByName('hydrated').length > 0);
  let posts = 0;
  await page.route('**/backend/language', async (route) => {
    posts += 1;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });

  const header = new SiteHeader(page);
  await header.languageSwitch.click();
  await expect(header.languageSwitch).toHaveAttribute('aria-disabled', 'true');
  await expect(header.languageSwitch).toHaveAttribute('data-pending', '');
  await expect(page.locator('form.language-switch')).toHaveAttribute('aria-busy', 'true');
  // Pressed again, by pointer and by keyboard, while the first is on its way.
  await header.languageSwitch.click({ force: true });
  await header.languageSwitch.press('Enter');

  await expect(page.locator('html')).toHaveAttribute('lang', language() === 'th' ? 'en' : 'th');
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  expect(posts, 'the form was posted once').toBe(1);
  // The answer is a fresh page: its forms can be sent again.
  await expect(page.locator('.language-switch__button')).not.toHaveAttribute('aria-disabled', 'true');
});
