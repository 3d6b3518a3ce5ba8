import { randomBytes } from 'node:crypto';

/**
 * Ids in the shapes the backend sends: every response and output item gets a fresh one
 * (`resp_`, `rs_`, `msg_`, `fc_`, … and 50 hex digits), every call a fresh `call_` id of 24
 * letters and digits. Frameworks tell steps apart by them, so the emulator never repeats one.
 */
export function backendId(prefix: string): string {
  return `${prefix}_${randomBytes(25).toString('hex')}`;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function backendCallId(): string {
  let id = 'call_';
  for (const byte of randomBytes(24)) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}

/** The prefix of an output item's id, by item type. */
export const ITEM_ID_PREFIX: Record<string, string> = {
  reasoning: 'rs',
  message: 'msg',
  function_call: 'fc',
  web_search_call: 'ws',
  custom_tool_call: 'ctc',
  local_shell_call: 'lsh',
};
