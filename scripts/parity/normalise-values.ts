import { homedir, hostname, userInfo } from 'node:os';
import { FAKE_ACCOUNT_ID, FAKE_EMAIL, FAKE_USER_ID } from './codex-home';
import type { ClientRun } from './record-conversations';
import type { RecordedRequest } from './recorder-server';

/**
 * Turns a recorded value into its shape, so that two runs compare equal when they stand in
 * the same relation, not when they hold the same random value: the conversation id becomes
 * `<session id>` wherever it appears (so `x-codex-window-id` reads `<session id>:0`), turn ids
 * `<turn id #n>` in order of appearance, other UUIDs `<uuid v7>` (their version), clock values
 * `<unix ms>`, tokens and ids of the fake sign-in their names, paths of the run their roles.
 * Values the recorder made (`resp_parity_3`, `turn-state-2`) are related to the request whose
 * answer carried them.
 */
export type Normaliser = {
  /** The shape of a string, number or other leaf value, as text. */
  value: (value: unknown, field?: string) => string;
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function createNormaliser(run: ClientRun, labels: Map<RecordedRequest, string>): Normaliser {
  const requests = run.requests.filter(request => labels.has(request));
  const firstHeaders = requests.find(
    request => request.headers['session-id'] ?? request.headers.session_id,
  )?.headers;
  const sessionId = firstHeaders?.['session-id'] ?? firstHeaders?.session_id;
  const turnIds: string[] = [];
  let installationId: string | undefined;
  for (const request of requests) {
    const metadata = (request.body as { client_metadata?: Record<string, string> } | undefined)
      ?.client_metadata;
    const turnId = metadata?.turn_id;
    if (turnId && !turnIds.includes(turnId)) turnIds.push(turnId);
    installationId ??= metadata?.['x-codex-installation-id'];
  }
  const exact = new Map<string, string>();
  const within: Array<[string, string]> = [];
  const add = (value: string | undefined, name: string, inside = true) => {
    if (value == null || value === '') return;
    exact.set(value, name);
    if (inside) within.push([value, name]);
  };
  add(run.secrets.accessToken, '<access token>');
  add(sessionId, '<session id>');
  turnIds.forEach((id, index) => add(id, `<turn id #${index + 1}>`));
  add(installationId, '<installation id>');
  add(run.secrets.workdir, '<workdir>');
  add(run.secrets.codexHome, '<codex home>');
  add(FAKE_ACCOUNT_ID, '<account id>');
  add(FAKE_USER_ID, '<user id>');
  add(FAKE_EMAIL, '<email>');
  add(homedir(), '<home>', false);
  // longer values first, so a path inside another path is named by the longer one
  within.sort(([a], [b]) => b.length - a.length);

  const turnStates = new Map<string, string>();
  const responseIds = new Map<string, string>();
  for (const request of requests) {
    const state = request.answerHeaders?.['x-codex-turn-state'];
    if (state != null) turnStates.set(state, `<turn state answered to ${labels.get(request)}>`);
    if (request.responseId != null)
      responseIds.set(request.responseId, `<id of the response to ${labels.get(request)}>`);
  }
  const machine = [hostname(), userInfo().username].filter(name => name.length > 2);

  const text = (value: string, field = ''): string => {
    const named = exact.get(value) ?? turnStates.get(value) ?? responseIds.get(value);
    if (named != null) return named;
    if (field === 'header: host') return value.replace(/:\d+$/, ':<port>');
    if (field === 'header: content-length') return '<bytes>';
    if (field === 'header: sec-websocket-key') return '<random key>';
    let out = value;
    for (const [secret, name] of within) out = out.split(secret).join(name);
    if (/^Bearer /.test(out) && out !== 'Bearer <access token>') out = 'Bearer <token>';
    out = out.replace(UUID, (_, version: string) => `<uuid v${version}>`);
    out = out.replace(/\b1[6-9]\d{11}\b/g, '<unix ms>');
    out = out.replace(/(resp|rs|msg|fc|call|cmp)_parity_(prewarm_)?\d+/g, '$1_parity_$2<n>');
    out = out.replace(/(enc:(parity|compaction)):\d+/g, '$1:<n>');
    if (field === 'header: user-agent') out = userAgentShape(out);
    for (const name of machine) out = out.split(name).join('<machine>');
    return out;
  };
  return {
    value(value, field) {
      if (typeof value === 'string') return JSON.stringify(text(value, field));
      if (typeof value === 'number') {
        if (value > 1e12 && value < 1e14) return '<unix ms>';
        if (value > 1e9 && value < 1e11) return '<unix s>';
        return String(value);
      }
      if (value === undefined) return '(absent)';
      return JSON.stringify(value);
    },
  };
}

/** The OS release and this package's dev version say nothing about the client: hide them. */
function userAgentShape(agent: string): string {
  return agent
    .replace(/\(([A-Za-z][\w ]*?) [\w.+-]+; /g, '($1 <os release>; ')
    .replace(/ai-sdk-provider-codex\/[\w.+-]+/g, 'ai-sdk-provider-codex/<version>');
}
