// `cargo leptos end-to-end` starts the server and Playwright together: wait until the server answers /healthz, then
// load the sample organisation tree once (the Contact Center's unit is in it; specs running in parallel must not race
// to create it).
import type { FullConfig } from '@playwright/test';
import { loadSampleUnits } from './pages/back-office-commands';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0].use.baseURL ?? 'http://127.0.0.1:3000';
  const deadline = Date.now() + 120_000;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseURL}/healthz`);
      if (response.ok) {
        loadSampleUnits();
        return;
      }
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server at ${baseURL} did not become healthy within 120 s: ${lastError}`);
}
