/** Simple stroke icons (24×24), always next to a text label — never the only carrier of meaning. */
const PATHS = {
  home: 'M3 11l9-8 9 8M5 9.5V21h5v-6h4v6h5V9.5',
  back: 'M15 4l-8 8 8 8M7 12h14',
  forward: 'M9 4l8 8-8 8M17 12H3',
  globe: 'M12 3a9 9 0 100 18 9 9 0 000-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  textSize: 'M3 20l5-14 5 14M5 15h6M14 20l3.5-9 3.5 9M15.3 17h4.4',
  contrast: 'M12 3a9 9 0 100 18 9 9 0 000-18zM12 3v18',
  speaker: 'M4 9h4l5-4v14l-5-4H4zM16 9a4 4 0 010 6M18.5 6.5a8 8 0 010 11',
  stop: 'M6 6h12v12H6z',
  help: 'M12 3a9 9 0 100 18 9 9 0 000-18zM9.5 9.5a2.5 2.5 0 114 2c-1 .7-1.5 1.2-1.5 2.5M12 17h.01',
  map: 'M9 4L3 6v14l6-2 6 2 6-2V4l-6 2-6-2zM9 4v14M15 6v14',
  list: 'M8 6h13M8 12h13M8 18h13M3.5 6h.01M3.5 12h.01M3.5 18h.01',
  calendar: 'M4 6h16v15H4zM4 10h16M8 3v5M16 3v5',
  wish: 'M12 3l2.6 5.6 6 .7-4.5 4.1 1.2 6-5.3-3-5.3 3 1.2-6L3.4 9.3l6-.7z',
  club: 'M7 11a3 3 0 100-6 3 3 0 000 6zM17 11a3 3 0 100-6 3 3 0 000 6zM2 20c0-3 2.5-5 5-5s5 2 5 5M12 20c0-3 2.5-5 5-5s5 2 5 5',
  search: 'M10.5 4a6.5 6.5 0 100 13 6.5 6.5 0 000-13zM15.5 15.5L21 21',
  check: 'M4 12.5l5 5L20 6.5',
  close: 'M5 5l14 14M19 5L5 19',
  printer: 'M6 9V3h12v6M6 17H3v-8h18v8h-3M6 14h12v7H6z',
  bookmark: 'M6 3h12v18l-6-5-6 5z',
  filter: 'M3 5h18l-7 8v6l-4 2v-8z',
  backspace: 'M9 5h12v14H9l-6-7zM12 9l6 6M18 9l-6 6',
  pin: 'M12 21s-7-6.5-7-12a7 7 0 0114 0c0 5.5-7 12-7 12zM12 6.5a2.5 2.5 0 100 5 2.5 2.5 0 000 5z',
  clock: 'M12 3a9 9 0 100 18 9 9 0 000-18zM12 7v5l3 2',
  hand: 'M8 13V5.5a1.5 1.5 0 013 0V12M11 11V4.5a1.5 1.5 0 013 0V12M14 11.5V6a1.5 1.5 0 013 0v8c0 4-2.5 7-6.5 7S5 18 4 15l-1-3a1.5 1.5 0 012.7-1.2L8 13',
  plus: 'M12 4v16M4 12h16',
  up: 'M12 20V5M5 11l7-7 7 7',
  down: 'M12 4v15M5 13l7 7 7-7',
} as const;

export type IconName = keyof typeof PATHS;

/** Icons that point in a reading direction and must mirror in right-to-left languages. */
const MIRRORED: ReadonlySet<IconName> = new Set(['back', 'forward', 'backspace']);

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={MIRRORED.has(name) ? 'icon-mirror' : undefined}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
