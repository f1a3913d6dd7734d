// The language a spec runs in. The Thai projects run as every officer first sees the back office; the English project
// starts each browser with the language switch's cookie already set to English (as if the officer had pressed
// "English" once), and every page object then looks for the English texts. The Digital ID simulator is another
// organisation's site and speaks Thai only, so its page objects do not change with the language.
import { test } from '@playwright/test';

export type Language = 'th' | 'en';

/** The language switch's cookie over plain http (`__Host-info_lang` over https), and its English value. */
export const LANGUAGE_COOKIE = { name: 'info_lang', english: 'en' } as const;

/** The running test's language: its project's `metadata.language`, Thai when the project names none. */
export function language(): Language {
  return test.info().project.metadata?.language === 'en' ? 'en' : 'th';
}

/**
 * Texts written in both languages, read in the running test's language each time a property is read (so a table of
 * texts can be a module constant, and one worker can run Thai and English tests one after the other).
 */
export function inBothLanguages<T extends object>(texts: Record<Language, T>): T {
  return new Proxy(texts.th, {
    get: (_thai, key) => Reflect.get(texts[language()], key),
  });
}

/** The product's name, in the header and after every page title ("Page – Product"). */
export const PRODUCT = inBothLanguages({
  th: { name: 'ศูนย์รวมข้อมูลบริการภาครัฐ' },
  en: { name: 'Government Service Information Center' },
});
