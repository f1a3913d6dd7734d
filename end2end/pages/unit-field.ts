// A unit field of the administration forms: a `<select>` without JavaScript; with it, a combobox over the
// organisation tree (app/src/components/in_place.rs) that takes over the select's label, while the select stays,
// hidden, holding the value the form sends. The island may arrive while a test fills the form, so the unit is set on
// the select itself, found in the field's own box whichever control the label names at that moment.
import type { Locator } from '@playwright/test';

/** Chooses the unit with `code` in `field` (the labelled control). */
export async function chooseUnit(field: Locator, code: string): Promise<void> {
  const select = field.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " field ")][1]//select');
  await select.selectOption(code, { force: true });
}
