// Playwright: the same specs run three times on Debian's Chromium — hydrated and with JavaScript disabled in Thai, and
// hydrated in English.
import { defineConfig } from '@playwright/test';
import { LANGUAGE_COOKIE } from './pages/language';

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

/** Set by scripts/design-screenshots.sh: only the accessibility walks run, hydrated, and save what they check. */
const designScreenshots = !!process.env.DESIGN_SCREENSHOTS;

export default defineConfig({
  testDir: './tests',
  testMatch: designScreenshots
    ? ['accessibility.spec.ts', 'session-timeout.spec.ts', 'in-place-administration.spec.ts']
    : undefined,
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // No retries: a flaky test is a defect to fix, not to hide.
  retries: 0,
  workers: 2,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    locale: 'th-TH',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    ...(designScreenshots ? [] : [{ name: 'no-javascript', use: { javaScriptEnabled: false } }]),
    // Every spec again in English: each browser starts with the language switch's cookie set, as if the officer had
    // pressed "English" once (the back office never guesses the language from the browser's locale).
    {
      name: 'english',
      metadata: { language: 'en' },
      use: {
        javaScriptEnabled: true,
        locale: 'en-GB',
        storageState: {
          cookies: [
            {
              name: LANGUAGE_COOKIE.name,
              value: LANGUAGE_COOKIE.english,
              domain: new URL(baseURL).hostname,
              path: '/',
              expires: -1,
              httpOnly: true,
              secure: false,
              sameSite: 'Lax',
            },
          ],
          origins: [],
        },
      },
    },
  ],
});
