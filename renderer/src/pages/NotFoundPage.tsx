import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="empty-state">
      <h1>Page not found</h1>
      <p>
        <Link to="/devices">Go to the device list</Link>
      </p>
    </section>
  );
}
