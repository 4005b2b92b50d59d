/** 16×16 stroke icons, drawn for this app (no icon font, nothing fetched). Each entry is SVG path data. */
export const ICONS = {
  undo: 'M5.5 3.5 2.5 6.5l3 3M2.5 6.5h7a4 4 0 0 1 0 8h-2',
  redo: 'M10.5 3.5l3 3-3 3M13.5 6.5h-7a4 4 0 0 0 0 8h2',
  save: 'M3 2.5h8l2.5 2.5v8.5H2.5v-11zM5 2.5v3.5h5V2.5M5 13.5V9.5h6v4',
  close: 'M4 4l8 8M12 4l-8 8',
  folder: 'M1.5 4V12.5a1 1 0 0 0 1 1h11a1 1 0 0 0 1-1V5.5a1 1 0 0 0-1-1H8L6.5 2.5h-4a1 1 0 0 0-1 1z',
  plus: 'M8 3v10M3 8h10',
  film: 'M2.5 2.5h11v11h-11zM5 2.5v11M11 2.5v11M2.5 5.5H5M2.5 8h2.5M2.5 10.5H5M11 5.5h2.5M11 8h2.5M11 10.5h2.5',
  trash: 'M2.5 4.5h11M6 4.5V2.5h4v2M4 4.5l.7 9h6.6l.7-9M6.8 7v4.5M9.2 7v4.5',
  pencil: 'M10.5 2.5l3 3-8 8h-3v-3zM9 4l3 3',
  sliders: 'M2.5 4h6M11.5 4h2M2.5 8h2M7.5 8h6M2.5 12h7M12.5 12h1M10 2.5v3M6 6.5v3M11 10.5v3',
  gallery: 'M2.5 2.5h4.5v4.5H2.5zM9 2.5h4.5v4.5H9zM2.5 9h4.5v4.5H2.5zM9 9h4.5v4.5H9z',
  timeline: 'M1.5 4.5h7M10.5 4.5h4M1.5 8h3M6.5 8h8M1.5 11.5h9M12.5 11.5h2M8.5 1.5v13',
  jobs: 'M2.5 3.5h11M2.5 8h11M2.5 12.5h6M11 11l1.5 1.5 2.5-3',
  import: 'M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 11v2.5h11V11',
  alert: 'M8 1.8 15 14H1zM8 6.2v3.6M8 11.6v.4',
  check: 'M3 8.5l3 3 7-7',
  clock: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM8 4.5V8l2.5 1.5',
  chevronDown: 'M4 6l4 4 4-4',
  open: 'M1.5 4V12.5h11l2-6h-11l-2 6M1.5 4a1 1 0 0 1 1-1h3.5l1.5 1.5h4.5a1 1 0 0 1 1 1v1',
  projectFile: 'M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3M6 8.5v4l3.5-2z',
  restore: 'M2.5 8a5.5 5.5 0 1 0 1.7-4M2.5 2v3h3M8 5v3.2l2 1.3',
  link: 'M6.5 9.5l3-3M7 4.5l1-1a2.8 2.8 0 0 1 4 4l-1 1M9 11.5l-1 1a2.8 2.8 0 0 1-4-4l1-1',
} as const;

export type IconName = keyof typeof ICONS;
