// The tree's small line icons (inline SVG: crisp at any zoom, coloured by the text around them,
// no font that may lack the glyph). Decorative: the button around each carries the name.
const paths = {
  chevron: 'M6 4l4 4-4 4',
  copy: 'M5.5 5.5h7v7h-7zM3.5 10.5v-7h7',
  refresh: 'M12.5 8a4.5 4.5 0 1 1-1.3-3.2M12.5 2.5v3h-3',
  add: 'M8 3.5v9M3.5 8h9',
  delete: 'M3.5 4.5h9M6.5 4.5v-1.5h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5',
  eye: 'M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8zM8 6.2a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6z',
  'eye-off': 'M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8zM2.5 13.5l11-11',
  check: 'M3.5 8.5l3 3 6-7',
  download: 'M8 2.5v8M4.5 7l3.5 3.5L11.5 7M3 13.5h10',
} as const;

export type IconName = keyof typeof paths;

export function TreeIcon({ name }: { name: IconName }) {
  return (
    <svg className="ptree-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
