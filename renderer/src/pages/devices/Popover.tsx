// A button that opens a small panel under it, on the platform's `popover` attribute: Escape and
// a click outside close it, focus order follows the button, and no focus trap is hand-rolled.
import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface PopoverProps {
  /** The button's visible text (also its accessible name). */
  label: string;
  /** The panel's accessible name. */
  title: string;
  className?: string;
  children: ReactNode;
  /** Called when the panel opens (e.g. to focus a field). */
  onOpen?(panel: HTMLElement): void;
}

const gap = 4;
const margin = 8;

export function Popover({ label, title, className, children, onOpen }: PopoverProps) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    const el = panel.current;
    if (el === null) return;
    // Placed under its button, right edges aligned, before it shows (anchor positioning is not
    // in every browser yet).
    const place = (e: Event): void => {
      if (!(e instanceof ToggleEvent) || e.newState !== 'open') return;
      const at = button.current?.getBoundingClientRect();
      if (at === undefined) return;
      el.style.top = `${Math.round(at.bottom + gap)}px`;
      el.style.right = `${Math.round(Math.max(margin, window.innerWidth - at.right))}px`;
    };
    const opened = (e: Event): void => {
      if (e instanceof ToggleEvent && e.newState === 'open') onOpenRef.current?.(el);
    };
    el.addEventListener('beforetoggle', place);
    el.addEventListener('toggle', opened);
    return () => {
      el.removeEventListener('beforetoggle', place);
      el.removeEventListener('toggle', opened);
    };
  }, []);

  return (
    <>
      <button ref={button} type="button" popoverTarget={id} aria-haspopup="true">
        {label} <span aria-hidden="true">▾</span>
      </button>
      <div
        ref={panel}
        id={id}
        popover="auto"
        role="dialog"
        aria-label={title}
        className={`popover${className === undefined ? '' : ` ${className}`}`}
      >
        {children}
      </div>
    </>
  );
}

/** Closes the popover that holds `el` (after a choice is made in it). */
export function closePopover(el: Element | null): void {
  const pop = el?.closest('[popover]');
  if (pop instanceof HTMLElement) pop.hidePopover();
}
