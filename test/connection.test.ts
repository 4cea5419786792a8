/** The page's one connection state (issue #22): the badge and the editors read the same. */
import { describe, expect, it } from 'vitest';
import { ConnectionHub, linkState } from '../client/src/net/connection';

describe('linkState', () => {
  it('is offline if the browser is, or the server refused the socket, whatever else says', () => {
    expect(linkState('connected', ['connected'], false)).toBe('offline');
    expect(linkState('refused', ['connected'], true)).toBe('offline');
    expect(linkState('connected', ['offline'], true)).toBe('offline');
  });
  it('is reconnecting if either connection is, connecting while any is, else connected', () => {
    expect(linkState('reconnecting', ['connected'], true)).toBe('reconnecting');
    expect(linkState('connected', ['connected', 'reconnecting'], true)).toBe('reconnecting');
    expect(linkState('connected', ['connecting'], true)).toBe('connecting');
    expect(linkState('connected', ['connected', 'closed'], true)).toBe('connected');
    expect(linkState('connected', [], true)).toBe('connected');
  });
  it("says saving paused while connected and the server's store does not take writes; a lost connection says more", () => {
    expect(linkState('connected', ['connected'], true, true)).toBe('savingPaused');
    expect(linkState('reconnecting', ['connected'], true, true)).toBe('reconnecting');
    expect(linkState('connected', ['connected'], false, true)).toBe('offline');
    const hub = new ConnectionHub();
    hub.setSocket('connected');
    hub.setSavingPaused(true);
    expect(hub.snapshot()).toBe('savingPaused');
    hub.setSavingPaused(false);
    expect(hub.snapshot()).toBe('connected');
  });
  it('a hub follows its socket, documents and the browser, and tells its readers once per change', () => {
    const hub = new ConnectionHub();
    let calls = 0;
    hub.subscribe(() => calls++);
    hub.setSocket('connected');
    expect(hub.snapshot()).toBe('connected');
    const doc = hub.addDoc();
    expect(hub.snapshot()).toBe('connecting');
    doc.report('connected');
    hub.setOnline(false);
    expect(hub.snapshot()).toBe('offline');
    hub.setOnline(true);
    doc.report('reconnecting');
    expect(hub.snapshot()).toBe('reconnecting');
    doc.remove();
    expect(hub.snapshot()).toBe('connected');
    expect(calls).toBe(7);
  });
});
