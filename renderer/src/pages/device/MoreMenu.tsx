// "More ▾": a menu button for the rarer, destructive actions. The list is a popover (top layer,
// Escape and a click outside close it); arrows, Home and End move between the items, and focus
// goes back to the button when it closes (WAI-ARIA menu button pattern).
import { useEffect, useId, useRef, useState } from 'react';

export interface MenuItem {
  label: string;
  danger?: boolean;
  disabled?: boolean;
  onSelect(): void;
}

export function MoreMenu({ label, items }: { label: string; items: MenuItem[] }) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const el = menu.current;
    if (el === null) return;
    // Placed under its button, right edges aligned, before it shows.
    const place = (e: Event): void => {
      if (!(e instanceof ToggleEvent) || e.newState !== 'open') return;
      const at = button.current?.getBoundingClientRect();
      if (at === undefined) return;
      el.style.top = `${Math.round(at.bottom + 4)}px`;
      el.style.right = `${Math.round(Math.max(8, window.innerWidth - at.right))}px`;
    };
    const toggled = (e: Event): void => {
      if (!(e instanceof ToggleEvent)) return;
      setOpen(e.newState === 'open');
      if (e.newState === 'open') el.querySelector<HTMLElement>('[role=menuitem]:not([aria-disabled=true])')?.focus();
    };
    el.addEventListener('beforetoggle', place);
    el.addEventListener('toggle', toggled);
    return () => {
      el.removeEventListener('beforetoggle', place);
      el.removeEventListener('toggle', toggled);
    };
  }, []);

  const close = (): void => {
    menu.current?.hidePopover();
    button.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number): void => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Tab') menu.current?.hidePopover();
    else return;
    e.preventDefault();
  };

  return (
    <>
      <button ref={button} type="button" popoverTarget={id} aria-haspopup="menu" aria-expanded={open} aria-controls={id}>
        {label} <span aria-hidden="true">▾</span>
      </button>
      <div ref={menu} id={id} popover="auto" role="menu" aria-label={label} className="menu" onKeyDown={onKeyDown}>
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            tabIndex={-1}
            aria-disabled={item.disabled === true ? true : undefined}
            className={item.danger === true ? 'danger' : undefined}
            onClick={() => {
              if (item.disabled === true) return;
              close();
              item.onSelect();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </>
  );
}
