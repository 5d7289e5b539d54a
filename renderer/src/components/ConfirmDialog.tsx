// A modal dialog for destructive or fleet-wide actions, on the platform's <dialog> (focus is
// trapped and restored, Escape cancels, the rest of the page is inert). Says what will happen
// in numbers before anything is done.
import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** The dismiss button's text (default Cancel); null: none (a dialog that only reports). */
  cancelLabel?: string | null;
  /** Red button: the action cannot be undone. */
  danger?: boolean;
  busy?: boolean;
  /** Keeps the confirm button disabled (e.g. a form inside is not valid yet). */
  confirmDisabled?: boolean;
  /** Extra classes on the <dialog> (a wide one for diffs and file contents). */
  className?: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { open, onCancel } = props;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={props.className === undefined ? 'dialog' : `dialog ${props.className}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm();
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        <div className="dialog-actions">
          {props.cancelLabel !== null && (
            <button type="button" onClick={onCancel}>
              {props.cancelLabel ?? 'Cancel'}
            </button>
          )}
          <button
            type="submit"
            className={props.danger === true ? 'danger' : 'primary'}
            disabled={props.busy === true || props.confirmDisabled === true}
          >
            {props.busy === true ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
