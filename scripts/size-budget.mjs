// Size budget of the browser bundle built by `cargo leptos build --release --split`: what each page loads, brotli
// (quality 11, as served precompressed), against the budgets of issue 22 (docs/ARCHITECTURE.md); fails when a page
// is over.
//
// Every page loads the islands script's JS, the main WASM (every eager island: the text-size control, the print
// button, the session-timeout dialog) and the split loader. A page with a lazy island (`#[island(lazy)]`) also loads
// that island's chunks, as listed in the split manifest.
// Usage: node scripts/size-budget.mjs [site-pkg-dir]
import { brotliCompressSync, constants } from 'node:zlib';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const kB = 1000;
/** Each page, its lazy islands (the manifest's names without their hash) and its budget (issue 22). */
const PAGES = [
  { page: "officers' page (/backend)", lazy: [], budget: 100 * kB },
  { page: 'sign-in (/backend/sign-in)', lazy: [], budget: 100 * kB },
  { page: 'home, profile (/backend/home)', lazy: [], budget: 100 * kB },
  // The administration pages' enhancement (forms and lists in place): its own chunk, loaded on these pages only.
  { page: 'administration (/backend/tokens, accounts, audit, units)', lazy: ['in_place'], budget: 160 * kB },
  // Once per officer, and usable before its WASM arrives (the form posts without it).
  { page: 'identity confirmation (/backend/activate)', lazy: ['activation_screen'], budget: 150 * kB },
];

const pkg = process.argv[2] ?? 'target/site/pkg';
const brotli = (file) => {
  const path = join(pkg, file);
  if (!existsSync(path)) {
    console.error(`missing ${path}: run \`cargo leptos build --release --split\` first`);
    process.exit(2);
  }
  return brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
};
const show = (bytes) => `${(bytes / kB).toFixed(1)} kB`.padStart(9);

const splitLoader = readdirSync(pkg).find((file) => file.startsWith('__wasm_split') && file.endsWith('.js'));
const manifestPath = join(pkg, '__wasm_split_manifest.json');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};

const base = [
  ['JS', 'info-backoffice.js'],
  ['WASM', 'info-backoffice.wasm'],
  ...(splitLoader ? [['JS', splitLoader]] : []),
].map(([kind, file]) => ({ kind, file, bytes: brotli(file) }));
console.log('every page loads:');
for (const { kind, file, bytes } of base) console.log(`  ${kind.padEnd(5)} ${file.padEnd(60)} ${show(bytes)}`);
console.log(`  CSS   ${'info-backoffice.css'.padEnd(60)} ${show(brotli('info-backoffice.css'))} (not in the budget)`);
const baseBytes = base.reduce((sum, { bytes }) => sum + bytes, 0);

let over = false;
console.log('\nJS + WASM per page, brotli:');
for (const { page, lazy, budget } of PAGES) {
  const chunks = new Set();
  for (const island of lazy) {
    const key = Object.keys(manifest).find((name) => name.startsWith(`${island}_loader_`));
    if (!key) {
      console.error(`the split manifest has no lazy island "${island}": was the build made with --split?`);
      process.exit(2);
    }
    for (const chunk of manifest[key]) chunks.add(`${chunk}.wasm`);
  }
  const extra = [...chunks].reduce((sum, chunk) => sum + brotli(chunk), 0);
  const total = baseBytes + extra;
  const within = total <= budget;
  over ||= !within;
  const lazyNote = chunks.size ? ` (+ ${[...chunks].join(', ')}: ${show(extra).trim()})` : '';
  console.log(`  ${page.padEnd(58)} ${show(total)} ${within ? 'within' : 'OVER'} ${show(budget).trim()}${lazyNote}`);
}
process.exit(over ? 1 : 0);
