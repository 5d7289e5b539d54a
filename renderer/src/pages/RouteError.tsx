// What a page that failed to render shows instead of a blank screen: the error and a way on.
import { Link, useRouteError } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

export function RouteError() {
  const error = useRouteError();
  return (
    <section className="empty-state">
      <h1>This page failed to show</h1>
      <ErrorAlert error={error} />
      <p>
        <Link to="/devices">Go to the device list</Link> or reload the window.
      </p>
    </section>
  );
}
