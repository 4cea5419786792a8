/** Answering a raw socket (an upgrade or CONNECT that is not served) with a status, then closing it. */
import type { Duplex } from 'node:stream';

/**
 * Writes the status (and `headers`, e.g. X-Draftroom-Node) and closes the socket once it is
 * written. Node hands these sockets over paused and without timeouts: ending the write side alone
 * would leave the socket open for as long as the client keeps its side open (forever, when unread
 * bytes sit in front of its FIN), as `ws` also avoids.
 */
export function refuseSocket(socket: Duplex, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
  // Handed over by Node without an 'error' listener: a reset before the answer is written would end the process.
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}
