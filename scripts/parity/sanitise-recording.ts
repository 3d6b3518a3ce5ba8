import { homedir, hostname } from 'node:os';
import { FAKE_ACCOUNT_ID, FAKE_EMAIL, FAKE_USER_ID } from './codex-home';
import type { ClientRun } from './record-conversations';

/**
 * Makes a recorded value safe and stable to commit: the run's token and fake sign-in ids
 * become placeholders, every UUID a fake one that keeps its version and its identity within
 * the fixture (the n-th distinct UUID is `00000000-0000-<v>000-8000-<n>`), clock values a
 * fixed instant, paths, host and user names their roles, the OS in a User-Agent `<os>`.
 * Long prompt texts are cut to a marker (their presence and start stay). JSON carried in a
 * string is sanitised inside and written back as JSON.
 */
export const PLACEHOLDERS = {
  '<access-token>': "the run's fake access token (a JWT-shaped string)",
  '<account-id>': 'the ChatGPT account id of the sign-in',
  '00000000-0000-V000-8000-00000000000N':
    'the N-th distinct UUID of the recording, V its version: equal UUIDs stay equal (the session id is the first)',
  '1767225600000': 'a clock value in milliseconds (1767225600 in seconds)',
  '<workdir>': 'the empty folder the CLI ran in (its cwd)',
  '<codex-home>': 'the throwaway CODEX_HOME',
  '<home>': "the user's home folder",
  '<hostname>': "the machine's name",
  'YYYY-MM-DD, Area/City': "the date and time zone in the CLI's environment context",
  '<os> <os-release>; <arch>': 'the operating system in the User-Agent',
} as const;

const MAX_TEXT = 600;
const FIXED_MS = 1_767_225_600_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function createSanitiser(run: ClientRun) {
  const uuids = new Map<string, string>();
  const replacements: Array<[string, string]> = (
    [
      [run.secrets.accessToken, '<access-token>'],
      [run.secrets.workdir, '<workdir>'],
      [run.secrets.codexHome, '<codex-home>'],
      [FAKE_ACCOUNT_ID, '<account-id>'],
      [FAKE_USER_ID, '<user-id>'],
      [FAKE_EMAIL, '<email>'],
    ] as Array<[string | undefined, string]>
  )
    .filter((pair): pair is [string, string] => pair[0] != null && pair[0].length > 2)
    .sort(([a], [b]) => b.length - a.length);
  // Whole words only, a host called `dev` must not turn `developer` into `<hostname>eloper`;
  // the home folder only as a path, `/root` must not eat the `</root>` of a prompt's markup.
  // (The user name alone is left: `root` is also a word of the CLI's prompts.)
  const home = homedir();
  const names = ([[hostname(), '<hostname>']] as Array<[string, string]>)
    .filter(([name]) => name.length > 2)
    .map(
      ([name, placeholder]) =>
        [new RegExp(`\\b${escapeRegExp(name)}\\b`, 'g'), placeholder] as const,
    );

  const text = (value: string, key: string): string => {
    if (isJson(value)) return JSON.stringify(sanitise(JSON.parse(value), key));
    let out = value;
    for (const [secret, name] of replacements) out = out.split(secret).join(name);
    for (const [pattern, name] of names) out = out.replace(pattern, name);
    if (home.length > 1) {
      out = out.replace(
        new RegExp(`(?<![<\\w])${escapeRegExp(home)}(?=/|$|[\\s"'])`, 'g'),
        '<home>',
      );
    }
    out = out.replace(UUID, (uuid: string, version: string) => {
      let fake = uuids.get(uuid.toLowerCase());
      if (fake == null) {
        fake = `00000000-0000-${version}000-8000-${(uuids.size + 1).toString(16).padStart(12, '0')}`;
        uuids.set(uuid.toLowerCase(), fake);
      }
      return fake;
    });
    out = out.replace(/\b1[6-9]\d{11}\b/g, String(FIXED_MS));
    // the CLI's exec_command output names a random chunk and the time the command took
    out = out
      .replace(/^Chunk ID: \w+$/m, 'Chunk ID: <chunk>')
      .replace(/^Wall time: [\d.]+ seconds$/m, 'Wall time: <seconds> seconds');
    out = out.replace(
      /<current_date>[^<]*<\/current_date>/g,
      '<current_date>YYYY-MM-DD</current_date>',
    );
    out = out.replace(/<timezone>[^<]*<\/timezone>/g, '<timezone>Area/City</timezone>');
    if (key === 'user-agent')
      out = out.replace(/\([^;()]+; [^;()]+\)/, '(<os> <os-release>; <arch>)');
    if (key === 'host') out = out.replace(/:\d+$/, ':<port>');
    if (key === 'sec-websocket-key') out = '<random-key>';
    if (key === 'content-length') out = '<bytes>';
    if (out.length > MAX_TEXT) {
      out = `${out.slice(0, 200)}… [cut by the parity recorder: ${out.length} characters]`;
    }
    return out;
  };
  const sanitise = (value: unknown, key = ''): unknown => {
    if (typeof value === 'string') return text(value, key);
    if (typeof value === 'number') {
      if (value > 1e12 && value < 1e14) return FIXED_MS;
      if (value > 1e9 && value < 1e11) return FIXED_MS / 1000;
      return value;
    }
    if (Array.isArray(value)) return value.map(item => sanitise(item, key));
    if (value != null && typeof value === 'object') {
      const entries = Object.entries(value).map(([k, v]) => [k, sanitise(v, k)] as const);
      // the CLI sends client_metadata in its hash map's order, new each run
      if (key === 'client_metadata') entries.sort(([a], [b]) => (a < b ? -1 : 1));
      return Object.fromEntries(entries);
    }
    return value;
  };
  return { sanitise };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isJson(text: string): boolean {
  if (!/^[{[]/.test(text)) return false;
  try {
    return typeof JSON.parse(text) === 'object';
  } catch {
    return false;
  }
}
