// Moving through pages with the keyboard alone, as an officer who cannot use a mouse does: Tab until the control has
// focus, then Enter or typing. Every stop must show where the focus is.
import { expect, type Locator, type Page } from '@playwright/test';

/** How many Tab presses a page may need before the control is reached (the longest page has fewer stops). */
const MOST_TAB_STOPS = 60;

/** Whether `target` is the element with focus. */
async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/**
 * That `target` has focus and shows it: an outline or a ring (box-shadow) is drawn around it, as the focus styles of
 * both sites do for keyboard focus.
 */
export async function expectFocusVisible(target: Locator): Promise<void> {
  await expect.poll(() => hasFocus(target), 'the control has focus').toBe(true);
  const shown = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
  });
  expect(shown, 'the focused control shows its focus').toBe(true);
}

/** Presses Tab until `target` has focus (never more than a page's tab stops), and checks the focus can be seen. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  for (let press = 0; press < MOST_TAB_STOPS; press += 1) {
    await page.keyboard.press('Tab');
    if (await hasFocus(target)) {
      await expectFocusVisible(target);
      return;
    }
  }
  throw new Error(`${MOST_TAB_STOPS} presses of Tab never reached ${target}`);
}

/** Tabs to `target` and presses Enter on it (follows a link, presses a button, opens a <summary>). */
export async function press(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}

/** Tabs to the field `target` and types `text` into it, key by key. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}
