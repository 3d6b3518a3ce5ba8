import { createBackend } from './recorder-answers';
import { startRecorder, type RecordedRequest, type Recorder } from './recorder-server';
import { runOfficialClient } from './run-official-client';
import { runOurPackage } from './run-our-package';
import { TRANSPORTS, type Scenario, type Transport } from './parity-scenarios';
import { createThrowawayCA } from './throwaway-ca';

export type Client = 'official' | 'ours';

export type ClientRun = {
  client: Client;
  scenario: string;
  transport: Transport;
  ok: boolean;
  detail: string;
  requests: RecordedRequest[];
  /** Per-run paths and secrets the comparison and the fixtures must not show as they are. */
  secrets: { accessToken: string; workdir?: string; codexHome?: string };
};

/** Our package's fake access token: JWT-shaped like the CLI's, so the header shapes compare. */
export const OUR_ACCESS_TOKEN = [
  Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"parity"}').toString('base64url'),
  'fake-parity-signature',
].join('.');

/**
 * Plays every scenario over every transport, first through the official CLI (https), then
 * through this package (plain http), each against a freshly reset recorder, and returns
 * what each client sent.
 */
export async function recordConversations({
  codexJs,
  scenarios,
  log,
}: {
  codexJs: string;
  scenarios: Scenario[];
  log: (line: string) => void;
}): Promise<ClientRun[]> {
  const ca = createThrowawayCA();
  const recorder = await startRecorder({ tls: { key: ca.key, cert: ca.cert } });
  const runs: ClientRun[] = [];
  try {
    for (const scenario of scenarios) {
      for (const transport of TRANSPORTS) {
        for (const client of ['official', 'ours'] as const) {
          const started = Date.now();
          const run =
            client === 'official'
              ? await recordOfficial({ recorder, codexJs, caFile: ca.caFile, scenario, transport })
              : await recordOurs({ recorder, scenario, transport });
          runs.push(run);
          const responses = run.requests.filter(
            r => r.path.endsWith('/responses') && r.kind !== 'upgrade',
          );
          log(
            `${scenario.name} ${transport} ${client}: ${run.ok ? 'ok' : 'FAILED'}, ${responses.length} responses request(s), ${Date.now() - started} ms${run.ok ? '' : `\n${scrub(run.detail, run.secrets.accessToken)}`}`,
          );
        }
      }
    }
  } finally {
    recorder.reset();
    await recorder.close();
    ca.dispose();
  }
  return runs;
}

/** The recorder, reset, answering as `scenario` plans over `transport`. */
function playScenario(recorder: Recorder, scenario: Scenario, transport: Transport): void {
  recorder.reset();
  const backend = createBackend({ ...scenario.backend, refuseWebSocket: transport === 'sse' });
  recorder.answer = request => backend.answer(request);
  recorder.upgrade = request => backend.upgrade(request);
}

/** What the official CLI sends in `scenario` (the recorder needs its https listener). */
async function recordOfficial({
  recorder,
  codexJs,
  caFile,
  scenario,
  transport,
}: {
  recorder: Recorder;
  codexJs: string;
  caFile: string;
  scenario: Scenario;
  transport: Transport;
}): Promise<ClientRun> {
  if (recorder.httpsOrigin == null) throw new Error('the official CLI needs the https recorder');
  playScenario(recorder, scenario, transport);
  const result = await runOfficialClient({
    codexJs,
    caFile,
    origin: recorder.httpsOrigin,
    scenario,
  });
  await settle();
  return {
    client: 'official',
    scenario: scenario.name,
    transport,
    ok: result.ok,
    detail: result.detail,
    secrets: {
      accessToken: result.home.accessToken,
      workdir: result.home.workdir,
      codexHome: result.home.dir,
    },
    requests: [...recorder.requests],
  };
}

/**
 * What this package sends in `scenario`, through its public entry, to the recorder's plain
 * http origin. `npm test` records this side the same way (test/parity-contract.test.ts).
 */
export async function recordOurs({
  recorder,
  scenario,
  transport,
}: {
  recorder: Recorder;
  scenario: Scenario;
  transport: Transport;
}): Promise<ClientRun> {
  playScenario(recorder, scenario, transport);
  const result = await runOurPackage({
    origin: recorder.httpOrigin,
    accessToken: OUR_ACCESS_TOKEN,
    scenario,
    transport,
  });
  return {
    client: 'ours',
    scenario: scenario.name,
    transport,
    ...result,
    secrets: { accessToken: OUR_ACCESS_TOKEN },
    requests: [...recorder.requests],
  };
}

/** Lets the last frames and closes land before the record is taken. */
function settle(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 200));
}

function scrub(text: string, token: string): string {
  return text.split(token).join('<access token>');
}
