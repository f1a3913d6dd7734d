// The benchmark's sign-in driver: complete sign-ins of imported officers, each as a new browser would make it —
// POST /auth/login → the provider's authorization → its login and consent interactions (bench/provider.mjs) → our
// /auth/callback → the home page — with C of them at a time, for N sign-ins or S seconds. Node's built-in fetch, one
// cookie jar per origin per sign-in (name, value, path and expiry; enough for both parties' cookies), no other
// dependency. Prints one JSON object: sign-ins, errors (with samples), wall seconds, rate, latency percentiles of a
// whole sign-in, and the session cookie of the last one (for wrk). With `--breakdown PID` (sign-ins one at a time) it
// also says where the server's CPU goes: the CPU time of all of process PID's threads (`/proc/PID/task/*/schedstat`,
// nanoseconds) read around each of our steps — POST /auth/login, the provider's steps, GET /auth/callback (which
// calls the provider's token and userinfo endpoints), GET /backend/home — averaged per sign-in.
//
// Usage: node bench/signin.mjs --base http://127.0.0.1:3410 --issuer http://127.0.0.1:PORT
//          (--count N | --duration S) [--concurrency C] [--accounts A] [--progress] [--breakdown PID]
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    base: { type: 'string' },
    issuer: { type: 'string' },
    count: { type: 'string' },
    duration: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
    accounts: { type: 'string', default: '1000' },
    timeout: { type: 'string', default: '30' },
    progress: { type: 'boolean', default: false },
    breakdown: { type: 'string' },
  },
});
if (!options.base || !options.issuer || (!options.count === !options.duration)) {
  console.error('usage: node bench/signin.mjs --base URL --issuer URL (--count N | --duration S) [--concurrency C]');
  process.exit(2);
}
const base = options.base.replace(/\/$/, '');
const issuer = options.issuer.replace(/\/$/, '');
const count = options.count ? Number(options.count) : Infinity;
const deadline = options.duration ? Date.now() + Number(options.duration) * 1000 : Infinity;
const concurrency = options.breakdown ? 1 : Number(options.concurrency);
const accounts = Number(options.accounts);
const timeoutMs = Number(options.timeout) * 1000;

/** A browser's cookies for one origin. */
class Jar {
  #cookies = new Map();

  store(response, requestPath) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const split = pair.indexOf('=');
      const name = pair.slice(0, split).trim();
      const value = pair.slice(split + 1).trim();
      let path = requestPath.slice(0, Math.max(requestPath.lastIndexOf('/'), 1));
      let expired = false;
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split('=');
        const text = rest.join('=').trim();
        switch (key.trim().toLowerCase()) {
          case 'path':
            path = text || '/';
            break;
          case 'max-age':
            expired ||= Number(text) <= 0;
            break;
          case 'expires':
            expired ||= Date.parse(text) <= Date.now();
            break;
          default:
        }
      }
      const key = `${name}\t${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  header(path) {
    const within = ({ path: prefix }) =>
      path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
    return [...this.#cookies.values()]
      .filter(within)
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
  }

  get(nameSuffix) {
    return [...this.#cookies.values()].find(({ name }) => name.endsWith(nameSuffix));
  }
}

/** A new browser: its cookie jars, and requests that never follow redirects by themselves. */
class Browser {
  #jars = new Map();

  jar(origin) {
    if (!this.#jars.has(origin)) this.#jars.set(origin, new Jar());
    return this.#jars.get(origin);
  }

  async request(address, { method = 'GET', form, headers = {} } = {}) {
    const url = new URL(address);
    const jar = this.jar(url.origin);
    const cookie = jar.header(url.pathname);
    const response = await fetch(url, {
      method,
      body: form && new URLSearchParams(form).toString(),
      headers: {
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...(cookie && { cookie }),
        ...headers,
      },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    jar.store(response, url.pathname);
    const body = await response.text();
    const location = response.headers.get('location');
    return { url, status: response.status, location: location && new URL(location, url).href, body };
  }
}

/** Nanoseconds of CPU all of the server's threads have used (0 without `--breakdown`). */
const serverCpuNs = () => {
  if (!options.breakdown) return 0;
  const tasks = `/proc/${options.breakdown}/task`;
  let total = 0;
  for (const task of readdirSync(tasks)) {
    try {
      total += Number(readFileSync(`${tasks}/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return total;
};
const spent = { login: 0, provider: 0, callback: 0, home: 0 };
let mark = 0;
/** Adds the server CPU since the previous mark to `step`. */
const charge = (step) => {
  const now = serverCpuNs();
  if (step) spent[step] += now - mark;
  mark = now;
};

const fail = (step, response) => {
  const where = response.location ? ` → ${new URL(response.location).pathname}` : '';
  throw new Error(`${step}: HTTP ${response.status}${where}`);
};

/** One complete sign-in of account n; returns the session cookie. */
async function signIn(n) {
  const browser = new Browser();
  charge();
  let response = await browser.request(`${base}/auth/login`, {
    method: 'POST',
    form: { provider: 'digital-id' },
    headers: { origin: base },
  });
  charge('login');
  if (response.status !== 303 || !response.location?.startsWith(`${issuer}/`)) fail('POST /auth/login', response);
  for (let hop = 0; !response.location.startsWith(`${base}/`); hop += 1) {
    if (hop > 12) throw new Error('too many redirects at the provider');
    const url = new URL(response.location);
    if (/^\/interaction\/[^/]+$/.test(url.pathname)) {
      const details = await browser.request(url.href);
      if (details.status !== 200) fail('interaction', details);
      const { prompt } = JSON.parse(details.body);
      if (prompt === 'login') {
        response = await browser.request(`${url.href}/login`, { method: 'POST', form: { login: `bench-officer-${n}` } });
      } else if (prompt === 'consent') {
        response = await browser.request(`${url.href}/confirm`, { method: 'POST' });
      } else {
        throw new Error(`unexpected prompt ${prompt}`);
      }
    } else {
      response = await browser.request(url.href);
    }
    if (!response.location) fail(`provider ${url.pathname}`, response);
  }
  charge('provider');
  const callback = await browser.request(response.location);
  charge('callback');
  if (callback.status !== 303 || new URL(callback.location ?? base).pathname !== '/backend/home') {
    fail('GET /auth/callback', callback);
  }
  const home = await browser.request(callback.location);
  charge('home');
  if (home.status !== 200) fail('GET /backend/home', home);
  const session = browser.jar(new URL(base).origin).get('info_session');
  return `${session.name}=${session.value}`;
}

const latencies = [];
const errors = new Map();
let started = 0;
let cookie;
const startedAt = performance.now();

async function worker() {
  while (started < count && Date.now() < deadline) {
    const n = (started % accounts) + 1;
    started += 1;
    const begin = performance.now();
    try {
      cookie = await signIn(n);
      latencies.push(performance.now() - begin);
      if (options.progress && latencies.length % 1000 === 0) {
        console.error(`  ${latencies.length} sign-ins, ${errors.size ? 'with' : 'no'} errors`);
      }
    } catch (error) {
      const message = error.cause ? `${error.message} (${error.cause.code ?? error.cause.message})` : error.message;
      errors.set(message, (errors.get(message) ?? 0) + 1);
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - startedAt) / 1000;
latencies.sort((a, b) => a - b);
const percentile = (p) => (latencies.length ? latencies[Math.ceil(p * latencies.length) - 1] : null);
const round = (value, places = 2) => (value == null ? null : Number(value.toFixed(places)));
const errorCount = [...errors.values()].reduce((sum, value) => sum + value, 0);
console.log(
  JSON.stringify({
    signins: latencies.length,
    errors: errorCount,
    error_samples: [...errors].slice(0, 5).map(([message, times]) => `${times}× ${message}`),
    seconds: round(seconds, 3),
    rate: round(latencies.length / seconds),
    p50_ms: round(percentile(0.5)),
    p99_ms: round(percentile(0.99)),
    max_ms: round(latencies.at(-1)),
    cookie,
    ...(options.breakdown && {
      breakdown_ms: Object.fromEntries(
        Object.entries(spent).map(([step, ns]) => [step, round(latencies.length ? ns / 1e6 / latencies.length : 0, 3)]),
      ),
    }),
  }),
);
