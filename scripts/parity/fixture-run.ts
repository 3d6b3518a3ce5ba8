import { readFileSync } from 'node:fs';
import { FAKE_ACCOUNT_ID, FAKE_EMAIL, FAKE_USER_ID } from './codex-home';
import type { ClientRun } from './record-conversations';
import type { RecordedRequest } from './recorder-server';
import type { Transport } from './parity-scenarios';
import { SAME_TOOLS } from './write-fixtures';

/** One request of a fixture (test/fixtures/parity/), as `writeFixtures` wrote it. */
type FixtureRequest = {
  step: string;
  kind: RecordedRequest['kind'];
  method: string;
  path: string;
  socket?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  answerHeaders?: Record<string, string>;
  answeredResponseId?: string;
};

export type ParityFixture = {
  recordedWith: string;
  scenario: string;
  transport: Transport;
  requests: FixtureRequest[];
};

/** The fixture of a scenario over a transport. */
export function readParityFixture(scenario: string, transport: Transport): ParityFixture {
  const file = new URL(`../../test/fixtures/parity/${scenario}.${transport}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The official client's run as a fixture kept it, in the form the comparison reads: the
 * sign-in placeholders back to the fake values the normaliser names, the `tools` a request
 * shared with the one before restored. What the sanitiser made of ids and clock values
 * compares as the originals did (UUIDs keep their version and identity).
 */
export function runFromFixture(fixture: ParityFixture): ClientRun {
  const text = JSON.stringify(fixture.requests)
    .split('<account-id>')
    .join(FAKE_ACCOUNT_ID)
    .split('<user-id>')
    .join(FAKE_USER_ID)
    .split('<email>')
    .join(FAKE_EMAIL);
  const requests: FixtureRequest[] = JSON.parse(text);
  let previousTools: unknown;
  return {
    client: 'official',
    scenario: fixture.scenario,
    transport: fixture.transport,
    ok: true,
    detail: fixture.recordedWith,
    secrets: { accessToken: '<access-token>' },
    requests: requests.map((request, index) => {
      let body = request.body as { tools?: unknown } | undefined;
      if (body?.tools === SAME_TOOLS) body = { ...body, tools: previousTools };
      else if (body?.tools !== undefined) previousTools = body.tools;
      return {
        seq: index + 1,
        listener: 'https',
        kind: request.kind,
        method: request.method,
        path: request.path,
        query: {},
        headers: request.headers ?? {},
        wireBytes: 0,
        body,
        ...(request.socket != null && { socket: request.socket }),
        ...(request.status != null && { status: request.status }),
        ...(request.answerHeaders != null && { answerHeaders: request.answerHeaders }),
        ...(request.answeredResponseId != null && { responseId: request.answeredResponseId }),
      };
    }),
  };
}
