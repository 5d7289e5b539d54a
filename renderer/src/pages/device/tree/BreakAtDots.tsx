// Text that may hold parameter paths, allowed to wrap after each dot of a path (never inside a
// name): 'Device.ManagementServer.PeriodicInformInterval' breaks as Device. | ManagementServer. | ...
import { Fragment } from 'react';

export function BreakAtDots({ text }: { text: string }) {
  const parts = text.split(/(?<=\.)(?=[A-Za-z0-9_{])/);
  return (
    <>
      {parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </>
  );
}
