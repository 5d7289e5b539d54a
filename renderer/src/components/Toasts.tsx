// Outcomes of actions that outlive the click: a toast says what happened and can be updated as
// the action goes on ("Rebooting 212 devices: 180 done, 2 failed"). Announced politely to
// screen readers; failures stay until dismissed.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type ToastTone = 'info' | 'ok' | 'bad';

/** A link shown after the text, e.g. to the tasks of a bulk action ('#/tasks?batch=...'). */
export interface ToastLink {
  href: string;
  label: string;
}

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
  link?: ToastLink | undefined;
}

interface ToastApi {
  /** Shows a toast; returns its id. */
  show(text: string, tone?: ToastTone, link?: ToastLink): number;
  update(id: number, text: string, tone?: ToastTone, link?: ToastLink): void;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;
const autoCloseMs = 6_000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const arm = useCallback(
    (id: number, tone: ToastTone) => {
      if (tone !== 'bad') setTimeout(() => dismiss(id), autoCloseMs);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      show(text, tone = 'info', link) {
        const id = nextId++;
        setToasts((all) => [...all.slice(-4), { id, tone, text, link }]);
        if (tone === 'ok') arm(id, tone);
        return id;
      },
      update(id, text, tone = 'info', link) {
        setToasts((all) => all.map((t) => (t.id === id ? { id, tone, text, link: link ?? t.link } : t)));
        if (tone === 'ok') arm(id, tone);
      },
      dismiss,
    }),
    [arm, dismiss],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.tone}`}>
            <span>
              {t.text}
              {t.link !== undefined && (
                <>
                  {' '}
                  <a href={t.link.href}>{t.link.label}</a>
                </>
              )}
            </span>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (api === null) throw new Error('useToasts outside <ToastProvider>');
  return api;
}
