// A parameter path that wraps at its dots, never mid-name (Device.WiFi.SSID.1.SSID).
import { Fragment } from 'react';

export function PathText({ path }: { path: string }) {
  const parts = path.split('.');
  return (
    <>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one path, in a fixed order
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}
