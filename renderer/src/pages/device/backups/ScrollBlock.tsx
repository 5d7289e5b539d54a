// A block that scrolls inside a dialog (a file, a diff, a long table): a named region that takes
// focus, so the keyboard scrolls it as well as the mouse.
import type { ReactNode } from 'react';

export function ScrollBlock({ label, className = 'backup-scroll', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled
    <section className={className} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
