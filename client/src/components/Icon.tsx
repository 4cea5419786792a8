/** Small inline icons (no icon font, no emoji: they render the same everywhere). */
const PATHS = {
  comment: 'M4 5h16v10H9l-5 4z',
  help: 'M12 3a9 9 0 110 18 9 9 0 010-18zm0 13v.5M9.5 9.5a2.5 2.5 0 114 2c-.9.6-1.5 1.1-1.5 2',
  megaphone: 'M3 10v4h3l7 4V6L6 10zm13-1a4 4 0 010 6',
} as const;

export function Icon({ name, size = 16 }: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="icon">
      <path d={PATHS[name]} />
    </svg>
  );
}
