// "Which devices have this parameter = this value?" (e.g. every CPE whose Wi-Fi is still named
// 'default'): a path and an exact value, sent as the list's param/value filter.
import { type FormEvent, useState } from 'react';
import { closePopover, Popover } from './Popover.tsx';

export interface ValueSearchProps {
  param: string | undefined;
  value: string | undefined;
  onApply(param: string, value: string): void;
}

export function ValueSearch({ param, value, onApply }: ValueSearchProps) {
  const [path, setPath] = useState(param ?? '');
  const [text, setText] = useState(value ?? '');
  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (path.trim() === '') return;
    onApply(path.trim(), text);
    closePopover(e.currentTarget);
  };
  return (
    <Popover
      label="Parameter value"
      title="Find devices by parameter value"
      className="value-search"
      onOpen={(panel) => {
        setPath(param ?? path);
        setText(value ?? text);
        panel.querySelector('input')?.focus();
      }}
    >
      <form onSubmit={submit}>
        <label>
          <span>Parameter path</span>
          <input
            type="text"
            className="mono"
            value={path}
            placeholder="Device.WiFi.SSID.1.SSID"
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setPath(e.target.value)}
          />
        </label>
        <label>
          <span>Value (exact)</span>
          <input
            type="text"
            className="mono"
            value={text}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <div className="popover-actions">
          <button type="submit" className="primary" disabled={path.trim() === ''}>
            Find devices
          </button>
        </div>
      </form>
    </Popover>
  );
}
