import type { CodexRequestBody } from '../../wire/codex-request-body';
import type { CodexSocket } from './codex-socket';
import { getIncrementalInput } from './get-incremental-input';

/**
 * How long an unused socket stays open for the conversation's next turn. Idle sockets do
 * not keep the process alive, so this only bounds what the server holds for us.
 */
export const DEFAULT_SOCKET_IDLE_TIMEOUT_MS = 60_000;

/**
 * How long an unused socket stays open where it keeps the process alive (Bun's): long
 * enough for an agent's next step after a quick tool, short enough that a script that is
 * done does not wait for it.
 */
export const PINNED_SOCKET_IDLE_TIMEOUT_MS = 1_000;

type IdleSocket = { socket: CodexSocket; timer: ReturnType<typeof setTimeout> };

/**
 * Idle sockets by conversation: `prompt_cache_key` and the credentials the socket was
 * opened with (a socket is authenticated once, at the upgrade, so it never serves another
 * account or token). A socket is either here or carrying exactly one response, so two
 * responses never share one; a conversation with a busy socket gets another.
 */
export class CodexSocketPool {
  private readonly idle = new Map<string, IdleSocket[]>();

  constructor(private readonly idleTimeoutMs = DEFAULT_SOCKET_IDLE_TIMEOUT_MS) {}

  /**
   * An open idle socket of this conversation: preferably the one whose last turn this
   * request continues, else the newest.
   */
  take(key: string, request: CodexRequestBody): CodexSocket | undefined {
    const list = this.idle.get(key);
    if (list == null) return undefined;
    for (const entry of list.filter(e => !e.socket.isOpen)) this.remove(key, entry);
    const usable = [...list];
    const chosen =
      usable.find(entry => getIncrementalInput(entry.socket.turn, request) != null) ??
      usable.at(-1);
    if (chosen == null) return undefined;
    this.remove(key, chosen);
    chosen.socket.setIdle(false);
    return chosen.socket;
  }

  /** Back from a finished response: kept for the next turn until the idle timeout. */
  release(key: string, socket: CodexSocket): void {
    if (!socket.isOpen) return;
    socket.setIdle(true);
    const timeoutMs = socket.canIdle
      ? this.idleTimeoutMs
      : Math.min(this.idleTimeoutMs, PINNED_SOCKET_IDLE_TIMEOUT_MS);
    const entry: IdleSocket = {
      socket,
      timer: setTimeout(() => {
        this.remove(key, entry);
        socket.close('idle');
      }, timeoutMs),
    };
    // the timer must not keep the process alive either
    (entry.timer as { unref?: () => void }).unref?.();
    const list = this.idle.get(key) ?? [];
    list.push(entry);
    this.idle.set(key, list);
  }

  /** Closes every idle socket. */
  closeAll(): void {
    for (const [key, list] of this.idle) {
      for (const entry of [...list]) {
        this.remove(key, entry);
        entry.socket.close('closed');
      }
    }
  }

  get size(): number {
    let n = 0;
    for (const list of this.idle.values()) n += list.length;
    return n;
  }

  private remove(key: string, entry: IdleSocket) {
    clearTimeout(entry.timer);
    const list = this.idle.get(key);
    if (list == null) return;
    const index = list.indexOf(entry);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.idle.delete(key);
  }
}
