// The benchmark's officers: account n (1-based) at the bench provider (bench/provider.mjs) and the same officer as a
// row of the CITIZENinfo import (`server import-officers`), so every sign-in is an imported officer's and needs no
// Token. Spread over the sample tree's divisions (agency officers) and service points (service-point officers): both
// roles need IAL 1.3, which the provider's claims give (verified citizen ID).
//
// Usage: node bench/accounts.mjs N > officers.csv   (the CSV of accounts 1..N)

import { pathToFileURL } from 'node:url';

/** Sample-tree units (`server units load-sample`) and the role an officer there has. */
const PLACES = [
  ['DOPA-BORA', 'agency'],
  ['DOPA-BORA-01', 'service_point'],
  ['DOPA-CMI', 'agency'],
  ['DOPA-CMI-MUANG', 'service_point'],
  ['DOPA-CMI-SANSAI', 'service_point'],
  ['DOL-BKK', 'agency'],
  ['DOL-BKK-CHATUCHAK', 'service_point'],
  ['RD-R01', 'agency'],
  ['RD-R01-BKK01', 'service_point'],
  ['DOE-KKN', 'agency'],
];

/** A valid, made-up citizen ID for account n: 1 9 + n in ten digits + the check digit. */
export const citizenId = (n) => {
  const twelve = `19${String(n).padStart(10, '0')}`;
  const sum = [...twelve].reduce((total, digit, i) => total + Number(digit) * (13 - i), 0);
  return `${twelve}${(11 - (sum % 11)) % 10}`;
};

/** The subject (and login name) of account n. */
export const subject = (n) => `bench-officer-${n}`;

/** Account n's number, from its login name; `undefined` for anything else. */
export const numberOf = (login) => {
  const match = /^bench-officer-([1-9][0-9]{0,9})$/.exec(login ?? '');
  return match ? Number(match[1]) : undefined;
};

/** The claims the provider returns for account n (the Digital ID scopes the back office asks for). */
export const claims = (n) => ({
  sub: subject(n),
  user_id: subject(n),
  citizen_id: citizenId(n),
  title: 'นาย',
  given_name: 'ทดสอบ',
  family_name: `สมรรถนะ ${n}`,
  phone_number: '0812345678',
  email: `bench${n}@example.go.th`,
  citizen_id_verified: true,
  ial_level: 1.3,
});

/** The import row of account n. */
const row = (n) => {
  const [unit, role] = PLACES[(n - 1) % PLACES.length];
  return [subject(n), citizenId(n), `นาย ทดสอบ สมรรถนะ ${n}`, unit, role].join(',');
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2]);
  if (!Number.isInteger(count) || count < 1) {
    console.error('usage: node bench/accounts.mjs N');
    process.exit(2);
  }
  const lines = ['digital_id_sub,citizen_id,name_th,unit_code,role'];
  for (let n = 1; n <= count; n += 1) lines.push(row(n));
  process.stdout.write(`${lines.join('\n')}\n`);
}
