/**
 * A WebSocket class for y-websocket's `WebSocketPolyfill`: each connection first asks for a
 * single-use ticket (over the page's authenticated Socket.IO connection), then opens the URL with
 * `ticket=…`. The seat token or facilitator key never appears in a /yjs URL, so proxies and access
 * logs never see a long-lived secret. The provider's own reconnect and backoff drive everything.
 */
import type { ErrorCode, Result } from '../../../shared/result';

/** Refusals that are final for this document: closed as the server would close it (44xx: the provider stops). */
const FINAL: Partial<Record<ErrorCode, number>> = { forbidden: 4403, not_found: 4404, unauthorized: 4401 };

type Handler<E> = ((event: E) => void) | null;

export function ticketSocket(getTicket: () => Promise<Result<{ ticket: string }>>): typeof WebSocket {
  class TicketSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;
    binaryType: BinaryType = 'blob';
    onopen: Handler<Event> = null;
    onmessage: Handler<MessageEvent> = null;
    onerror: Handler<Event> = null;
    onclose: Handler<CloseEvent> = null;
    private socket: WebSocket | null = null;
    private closedByUs = false;
    private state = TicketSocket.CONNECTING;

    constructor(url: string, protocols?: string | string[]) {
      getTicket().then(
        (result) => {
          if (this.closedByUs) return;
          if (!result.ok) return this.fail(FINAL[result.error.code] ?? 1006, result.error.message);
          this.open(`${url}${url.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(result.data.ticket)}`, protocols);
        },
        () => this.fail(1006, 'no ticket'),
      );
    }

    get readyState(): number {
      return this.socket?.readyState ?? this.state;
    }

    send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
      this.socket?.send(data);
    }

    close(code?: number, reason?: string): void {
      this.closedByUs = true;
      this.state = TicketSocket.CLOSED;
      this.socket?.close(code, reason);
    }

    private open(url: string, protocols?: string | string[]): void {
      const socket = new WebSocket(url, protocols);
      socket.binaryType = this.binaryType;
      socket.onopen = (e) => this.onopen?.(e);
      socket.onmessage = (e) => this.onmessage?.(e);
      socket.onerror = (e) => this.onerror?.(e);
      socket.onclose = (e) => this.onclose?.(e);
      this.socket = socket;
    }

    /** No connection was made: reported as a close, as a refused WebSocket would be. */
    private fail(code: number, reason: string): void {
      if (this.closedByUs) return;
      this.state = TicketSocket.CLOSED;
      this.onclose?.(new CloseEvent('close', { code, reason, wasClean: false }));
    }
  }
  return TicketSocket as unknown as typeof WebSocket;
}
