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
  // While a navigation is on its way Playwright cannot query the page, so the page reports its own marks as they
  // change.
  const marks: unknown[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('marks ')) marks.push(JSON.parse(message.text().slice('marks '.length)));
  });
  await page.evaluate(() => {
    const button = document.querySelector('.language-switch__button') as HTMLButtonElement;
    const report = () =>
      console.log(
        `marks ${JSON.stringify({
          busy: button.form?.getAttribute('aria-busy'),
          disabled: button.getAttribute('aria-disabled'),
          pending: button.hasAttribute('data-pending'),
        })}`,
      );
    new MutationObserver(report).observe(button.form as HTMLFormElement, { attributes: true, subtree: true });
  });
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/language')) posts += 1;
  });
  await page.route('**/api/language', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });

  // A double click and then Enter, while the first post is on its way (Playwright's own click would wait for the
  // navigation it starts).
  const box = await new SiteHeader(page).languageSwitch.boundingBox();
  if (!box) throw new Error('the language switch has no box');
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.click(x, y);
  await page.mouse.click(x, y);
  await page.keyboard.press('Enter');

  await expect(page.locator('html')).toHaveAttribute('lang', language() === 'th' ? 'en' : 'th');
  await expect(page).toHaveURL(backOfficeUrl(SignInPage.path));
  expect(posts, 'the form was posted once').toBe(1);
  expect(marks.at(-1), 'the form was busy and its button pending').toEqual({ busy: 'true', disabled: 'true', pending: true });
  // The answer is a fresh page: its forms can be sent again.
  await expect(page.locator('.language-switch__button')).not.toHaveAttribute('aria-disabled', 'true');
});
