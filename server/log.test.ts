/** The structured log: JSON lines with the node id and fields; credentials never written, wherever they hide. */
import { describe, expect, it } from 'vitest';
import { createLogger, logLevelFrom, logTo, scrub } from './log';

function capture(level: 'info' | 'debug' = 'info') {
  const lines: string[] = [];
  const logger = createLogger({ level, nodeId: 'n1', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('log', () => {
  it('writes one JSON object per line: level label, ISO time, node id, message and fields', () => {
    const { logger, lines, parsed } = capture();
    logger.info({ workshopId: 'w1', groupId: 'g1' }, 'opened');
    logger.debug('not at info');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(parsed()[0]).toMatchObject({ level: 'info', nodeId: 'n1', workshopId: 'w1', groupId: 'g1', msg: 'opened' });
    expect(new Date(parsed()[0]!.time as string).getTime()).toBeGreaterThan(0);
  });

  it('logTo: an error with its stack when something was thrown, a warning otherwise, both with their fields', () => {
    const { logger, parsed } = capture();
    const log = logTo(logger);
    log('timer tick failed', new Error('disk I/O error'), { workshopId: 'w1' });
    log('Redis is back');
    const [failed, back] = parsed();
    expect(failed).toMatchObject({ level: 'error', msg: 'timer tick failed', workshopId: 'w1', err: { type: 'Error', message: 'disk I/O error' } });
    expect((failed!.err as { stack: string }).stack).toContain('log.test.ts');
    expect(back).toMatchObject({ level: 'warn', msg: 'Redis is back' });
  });

  it("keeps an error's type, message, code and stack only: a library's objects hanging on it (a database connection with its password) are not written", () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET', client: { connectionParameters: { password: 'pg-secret-password', host: 'db' } } });
    logTo(logger)('a PostgreSQL connection failed', error);
    expect(lines.join('')).not.toContain('pg-secret-password');
    expect(JSON.parse(lines[0]!)).toMatchObject({ err: { type: 'Error', message: 'Connection terminated unexpectedly', code: 'ECONNRESET' } });
  });

  it('never writes a credential: known fields are redacted, and text quoting one is scrubbed (message, error, stack)', () => {
    const { logger, lines } = capture('debug');
    const secrets = ['SEATseat0123456789abcdef', 'KEYkey0123456789abcdefghijklmnopq', 'TICKETticket0123456789ab', 'BEARERbearer0123456789', 'AUTHauth'];
    const [seat, key, ticket, bearer, auth] = secrets as [string, string, string, string, string];
    logger.info({ seatToken: seat, facilitatorKey: key, ticket, auth: { seatToken: seat }, handshake: { token: seat, key } }, 'fields');
    logTo(logger)(`upgrade of /yjs/w/g?ticket=${ticket}&token=${seat} failed`, new Error(`Authorization: Bearer ${bearer}; link /w/x/facilitate#key=${key}, seat link /w/x#seat=${seat}`));
    logger.debug({ url: `/yjs/w/g?x=1&token=${seat}`, authorization: `Bearer ${bearer}`, cookie: auth }, 'nested text');
    const all = lines.join('');
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).toContain('[redacted]');
    // Still one JSON object per line.
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('scrub leaves ordinary text alone', () => {
    expect(scrub('workshop abc group def: a Yjs message failed (monkey=1, tokens 3)')).toBe('workshop abc group def: a Yjs message failed (monkey=1, tokens 3)');
    expect(scrub('/yjs/w/g?token=abc&x=1')).toBe('/yjs/w/g?token=[redacted]&x=1');
  });

  it('LOG_LEVEL: a pino level, default info; anything else is refused', () => {
    expect(logLevelFrom({})).toBe('info');
    expect(logLevelFrom({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(() => logLevelFrom({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});
