// A unit field of the administration forms: a `<select>` without JavaScript; with it, a combobox over the
// organisation tree (app/src/components/in_place.rs) that takes over the select's label, while the select stays,
// hidden, holding the value the form sends.
import { expect, type Locator } from '@playwright/test';

/** Chooses the unit with `code` in `field` (the labelled control), whichever it is. */
export async function chooseUnit(field: Locator, code: string): Promise<void> {
  if ((await field.getAttribute('role')) !== 'combobox') {
    await field.selectOption(code);
    return;
  }
  await field.fill(code);
  const listbox = field.page().locator(`#${await field.getAttribute('aria-controls')}`);
  await listbox.locator(`[role="option"][data-value="${code}"]`).click();
  await expect(field).toHaveAttribute('aria-expanded', 'false');
}
