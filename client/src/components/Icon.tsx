/** Small inline icons (no icon font, no emoji: they render the same everywhere). */
const PATHS = {
  comment: 'M4 5h16v10H9l-5 4z',
  help: 'M12 3a9 9 0 110 18 9 9 0 010-18zm0 13v.5M9.5 9.5a2.5 2.5 0 114 2c-.9.6-1.5 1.1-1.5 2',
  megaphone: 'M3 10v4h3l7 4V6L6 10zm13-1a4 4 0 010 6',
  /** A stopwatch: the timer. */
  timer: 'M12 5a8 8 0 110 16 8 8 0 010-16zM12 9v4l2.5 2M10 2h4M19 6l1.5-1.5',
  check: 'M5 12.5l4.5 4.5L19 7',
  hourglass: 'M6 3h12M6 21h12M7.5 3v3a4.5 4.5 0 009 0V3M7.5 21v-3a4.5 4.5 0 019 0v3',
  /** Three dots: "more actions". */
  more: 'M5 10.8a1.2 1.2 0 110 2.4 1.2 1.2 0 110-2.4zM12 10.8a1.2 1.2 0 110 2.4 1.2 1.2 0 110-2.4zM19 10.8a1.2 1.2 0 110 2.4 1.2 1.2 0 110-2.4z',
  up: 'M12 19V5M6 11l6-6 6 6',
  down: 'M12 5v14M6 13l6 6 6-6',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  fields: 'M4 6h16M4 12h16M4 18h9',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="icon" data-icon={name}>
      <path d={PATHS[name]} />
    </svg>
  );
}
