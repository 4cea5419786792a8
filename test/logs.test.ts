/**
 * The logs of a real server process (LOG_LEVEL=debug): every line JSON but the "running at" one,
 * each with the node id; lines about a workshop carry it as `workshopId`; and no seat token,
 * facilitator key or ticket used against the server shows up anywhere, refusals included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nanoid } from 'nanoid';
import { expect, it } from 'vitest';
import { connectClient, createWorkshop, joinWorkshop, latest, onCleanup, request, waitFor } from './helpers';
import { freePort, startProcess } from './serverProcess';
import { upgradeResponse } from './yjsHelpers';

interface Line {
  level: string;
  nodeId: string;
  msg: string;
  workshopId?: string;
  [field: string]: unknown;
}

it('writes JSON lines with the node id and workshopId, and never a credential, whatever was refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-logs-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const stdout: string[] = [];
  const stderr: string[] = [];
  const child = await startProcess(port, dir, stderr, { LOG_LEVEL: 'debug', NODE_ID: 'logs-node' }, stdout);
  const url = `http://127.0.0.1:${port}`;

  const w = await createWorkshop(url, { groupCount: 2 });
  const other = await createWorkshop(url);
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  const wrongKey = nanoid(32);
  const secrets = [w.facilitatorKey, other.facilitatorKey, ana.seatToken, wrongKey];

  // Accepted: a facilitator and a participant, who opens her group's document with a ticket.
  const console_ = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const socket = await connectClient(url, { workshopId: w.workshopId, seatToken: ana.seatToken });
  const ticket = await request<{ ticket: string }>(socket, 'yjs:ticket', { groupId: ana.groupId });
  if (!ticket.ok) throw new Error('no ticket');
  secrets.push(ticket.data.ticket);
  expect((await upgradeResponse(url, `/yjs/${w.workshopId}/${ana.groupId}?ticket=${ticket.data.ticket}`)).status).toBe(101);
  // Refused, each way: a used ticket, a token for a group that is not hers, a wrong key, a token
  // for another workshop, a query naming another workshop, a credential where an id goes.
  expect((await upgradeResponse(url, `/yjs/${w.workshopId}/${ana.groupId}?ticket=${ticket.data.ticket}`)).status).toBe(401);
  const otherGroup = latest(socket, 'workshop:groups').value!.find((g) => g.id !== ana.groupId)!.id;
  expect((await upgradeResponse(url, `/yjs/${w.workshopId}/${otherGroup}?token=${ana.seatToken}`)).status).toBe(403);
  expect((await upgradeResponse(url, `/yjs/${w.workshopId}/${ana.groupId}?token=${wrongKey}`)).status).toBe(401);
  expect((await upgradeResponse(url, `/yjs/${ana.seatToken}/${ana.groupId}?token=${ana.seatToken}`)).status).toBe(404);
  await expect(connectClient(url, { workshopId: w.workshopId, facilitatorKey: wrongKey })).rejects.toMatchObject({ code: 'unauthorized' });
  await expect(connectClient(url, { workshopId: other.workshopId, seatToken: ana.seatToken })).rejects.toMatchObject({ code: 'unauthorized' });
  await expect(connectClient(url, { workshopId: ana.seatToken, facilitatorKey: w.facilitatorKey })).rejects.toMatchObject({ code: 'not_found' });
  const misrouted = await fetch(`${url}/api/workshops/${w.workshopId}/export.csv`, { headers: { authorization: `Bearer ${wrongKey}` } });
  expect(misrouted.status).toBe(401);
  expect((await fetch(`${url}/api/workshops/${w.workshopId}/export.csv`, { headers: { authorization: `Bearer ${ana.seatToken}` } })).status).toBe(200);
  socket.disconnect();
  console_.disconnect();

  // A clean stop writes its last lines; then everything it wrote is here.
  await waitFor(() => stdout.join('').includes('Socket.IO disconnected'), 'disconnects logged');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;

  const out = stdout.join('').split('\n').filter(Boolean);
  const err = stderr.join('').split('\n').filter(Boolean);
  expect(out.filter((l) => !l.startsWith('{'))).toEqual([`Draftroom is running at ${url}`]);
  const lines = [...out.filter((l) => l.startsWith('{')), ...err].map((l) => JSON.parse(l) as Line);
  for (const line of lines) expect(line).toMatchObject({ nodeId: 'logs-node', level: expect.any(String), msg: expect.any(String) });
  expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['listening', 'draining', 'closed']));
  // About the workshop: by its field, and any line that names it names it there.
  expect(lines).toContainEqual(expect.objectContaining({ msg: 'Socket.IO connected', workshopId: w.workshopId, role: 'facilitator' }));
  expect(lines).toContainEqual(expect.objectContaining({ msg: 'Socket.IO connected', workshopId: w.workshopId, participantId: ana.participantId }));
  expect(lines).toContainEqual(expect.objectContaining({ msg: 'Socket.IO handshake refused', workshopId: w.workshopId, code: 'unauthorized' }));
  expect(lines).toContainEqual(expect.objectContaining({ msg: '/yjs upgrade refused', workshopId: w.workshopId, groupId: ana.groupId, status: 401 }));
  expect(lines).toContainEqual(expect.objectContaining({ msg: '/yjs upgrade refused', workshopId: w.workshopId, groupId: otherGroup, participantId: ana.participantId, status: 403 }));
  for (const line of lines.filter((l) => JSON.stringify(l).includes(w.workshopId))) expect(line.workshopId).toBe(w.workshopId);
  const all = [...stdout, ...stderr].join('');
  for (const secret of secrets) expect(all).not.toContain(secret);
});
