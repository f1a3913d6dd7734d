// Size budget of the browser bundle built by `cargo leptos build --release`: prints WASM, JS and CSS sizes, raw and
// brotli (quality 11, as served precompressed), and fails when JS + WASM exceed the budget.
// Usage: node scripts/size-budget.mjs [site-pkg-dir]
import { brotliCompressSync, constants } from 'node:zlib';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const BUDGET_BYTES = 150 * 1000; // brotli JS + WASM; the next target is 100 kB
const NEXT_TARGET_BYTES = 100 * 1000;
const pkg = process.argv[2] ?? 'target/site/pkg';
const files = [
  ['WASM', 'info-backoffice.wasm'],
  ['JS', 'info-backoffice.js'],
  ['CSS', 'info-backoffice.css'],
];

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
let scriptBrotli = 0;
console.log('asset  file                     raw        brotli');
for (const [kind, name] of files) {
  const path = join(pkg, name);
  if (!existsSync(path)) {
    console.error(`missing ${path}: run \`cargo leptos build --release\` first`);
    process.exit(2);
  }
  const raw = readFileSync(path);
  const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  if (kind !== 'CSS') scriptBrotli += brotli;
  console.log(`${kind.padEnd(6)} ${name.padEnd(24)} ${kb(raw.length).padStart(9)}  ${kb(brotli).padStart(9)}`);
}
const within = scriptBrotli <= BUDGET_BYTES;
console.log(`JS + WASM brotli: ${kb(scriptBrotli)} — ${within ? 'within' : 'OVER'} the ${kb(BUDGET_BYTES)} budget (next target ${kb(NEXT_TARGET_BYTES)})`);
process.exit(within ? 0 : 1);
