/** Typed Socket.IO server and socket, and the room names we use. */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol';

export type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Socket.IO room names: everyone, facilitators, one group, one participant's sockets. */
export const roomOf = {
  workshop: (w: string) => `w:${w}`,
  facilitators: (w: string) => `w:${w}:f`,
  group: (w: string, g: string) => `w:${w}:g:${g}`,
  participant: (w: string, p: string) => `w:${w}:p:${p}`,
};
