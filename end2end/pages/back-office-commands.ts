// Test data through the server binary's bootstrap commands (`server units add`, `server units load-sample`,
// `server import-officers`, `server issue-token`), run from the repository root with this process's environment, which carries the
// DATABASE_URL and SIMULATOR_DATABASE_URL of the server under test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The repository root: the commands read `Leptos.toml` from their working directory. */
const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

/** The release binary `cargo leptos end-to-end --release` built, else the debug one. */
function serverBinary(): string {
  for (const profile of ['release', 'debug']) {
    const binary = path.join(REPOSITORY_ROOT, 'target', profile, 'server');
    if (existsSync(binary)) return binary;
  }
  throw new Error(`no server binary under ${REPOSITORY_ROOT}/target/{release,debug}: build it first`);
}

/** Runs `server <args…>` and returns its standard output; a failure carries the command's error report. */
function server(args: string[]): string {
  try {
    return execFileSync(serverBinary(), args, {
      cwd: REPOSITORY_ROOT,
      env: process.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`server ${args[0]} failed: ${failure.message}\n${failure.stderr ?? ''}${failure.stdout ?? ''}`);
  }
}

export type UnitKind = 'ministry' | 'department' | 'division' | 'service_point';
export type Role = 'contact_center' | 'central' | 'agency' | 'service_point';

/** A unit code no other test (or run) uses: specs run in parallel, hydrated and without JavaScript. */
export function uniqueCode(prefix: string): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
  return `${prefix}-${suffix}`.slice(0, 32);
}

/** `server units add`. */
export function addUnit(unit: { code: string; nameTh: string; kind: UnitKind; parent?: string }): void {
  const args = ['units', 'add', '--code', unit.code, '--name-th', unit.nameTh, '--kind', unit.kind];
  if (unit.parent) args.push('--parent', unit.parent);
  server(args);
}

/** `server units load-sample`: the sample tree (ministries, departments, units, service points; DGA-CC among them).
 * It creates only the units that are missing, so running it again changes nothing. */
export function loadSampleUnits(): void {
  server(['units', 'load-sample']);
}

/** The sample tree's unit of the DGA Contact Center, where its staff belong. */
export const CONTACT_CENTER_UNIT = 'DGA-CC';

export interface Unit {
  code: string;
  nameTh: string;
}

/** Ministry → department → division → service point, each with a fresh code and a name that names its test. */
export interface UnitTree {
  ministry: Unit;
  department: Unit;
  division: Unit;
  servicePoint: Unit;
}

/** Creates a fresh [`UnitTree`]; the names carry the codes' suffix so pages can be checked for exactly these units. */
export function addUnitTree(): UnitTree {
  const ministry = uniqueCode('MIN');
  const suffix = ministry.slice('MIN-'.length);
  const tree: UnitTree = {
    ministry: { code: ministry, nameTh: `กระทรวงทดสอบ ${suffix}` },
    department: { code: `DEP-${suffix}`, nameTh: `กรมทดสอบการบริการ ${suffix}` },
    division: { code: `DIV-${suffix}`, nameTh: `กองบริการประชาชน ${suffix}` },
    servicePoint: { code: `SP-${suffix}`, nameTh: `จุดบริการเขตบางรัก ${suffix}` },
  };
  addUnit({ ...tree.ministry, kind: 'ministry' });
  addUnit({ ...tree.department, kind: 'department', parent: tree.ministry.code });
  addUnit({ ...tree.division, kind: 'division', parent: tree.department.code });
  addUnit({ ...tree.servicePoint, kind: 'service_point', parent: tree.division.code });
  return tree;
}

/** An officer as CITIZENinfo knew them: no Digital ID subject yet, matched by citizen ID at first sign-in. */
export interface ImportedOfficer {
  citizenId: string;
  nameTh: string;
  unitCode: string;
  role: Role;
}

/** `server import-officers` with a temporary CSV file of `officers`. */
export function importOfficers(officers: ImportedOfficer[]): void {
  const rows = officers.map((officer) =>
    ['', officer.citizenId, officer.nameTh, officer.unitCode, officer.role].map(csvField).join(','),
  );
  const csv = ['digital_id_sub,citizen_id,name_th,unit_code,role', ...rows].join('\n') + '\n';
  const folder = mkdtempSync(path.join(tmpdir(), 'info-officers-'));
  const file = path.join(folder, 'officers.csv');
  try {
    writeFileSync(file, csv, 'utf8');
    server(['import-officers', file]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `server issue-token`; returns the activation token, which the command prints on its last line. */
export function issueToken(request: { role: Role; unit: string; citizenId?: string; expiresIn?: string }): string {
  const args = ['issue-token', '--role', request.role, '--unit', request.unit, '--expires-in', request.expiresIn ?? '7d'];
  if (request.citizenId) args.push('--citizen-id', request.citizenId);
  const lines = server(args).trim().split('\n');
  const token = lines[lines.length - 1].trim();
  if (!/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/.test(token)) {
    throw new Error(`server issue-token printed no token on its last line: ${JSON.stringify(token)}`);
  }
  return token;
}

/** A well-formed activation token that was never issued (7 groups of 4 from the tokens' alphabet). */
export function unissuedToken(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const groups = Array.from({ length: 7 }, () =>
    Array.from({ length: 4 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join(''),
  );
  return groups.join('-');
}
