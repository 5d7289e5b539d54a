// The rollout's plan: wave sizes, transfers at once, the failure threshold that pauses it, and an
// optional maintenance window (local time).
import { hhmmPattern, parseWaves } from './push-plan.ts';

export interface RolloutForm {
  waves: string;
  concurrency: string;
  threshold: string;
  windowOn: boolean;
  start: string;
  end: string;
}

export function rolloutFormErrors(f: RolloutForm): string[] {
  const errors: string[] = [];
  if (parseWaves(f.waves) === null) errors.push('Wave sizes: whole numbers from 1, separated by commas.');
  const c = Number(f.concurrency);
  if (!Number.isInteger(c) || c < 1 || c > 1000) errors.push('At once: a whole number from 1 to 1000.');
  const t = Number(f.threshold);
  if (f.threshold.trim() === '' || !Number.isFinite(t) || t < 0 || t > 100) errors.push('Failure threshold: 0 to 100 %.');
  if (f.windowOn && (!hhmmPattern.test(f.start) || !hhmmPattern.test(f.end))) errors.push('Window: start and end as HH:MM.');
  return errors;
}

export function RolloutFields({ form, onChange }: { form: RolloutForm; onChange(f: RolloutForm): void }) {
  const set = (k: keyof RolloutForm) => (e: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...form, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  const errors = rolloutFormErrors(form);
  return (
    <fieldset className="push-plan">
      <legend>Plan</legend>
      <label className="push-waves">
        <span>Wave sizes</span>
        <input type="text" value={form.waves} onChange={set('waves')} aria-describedby="push-waves-help" />
        <small id="push-waves-help" className="muted">
          The first is the canary; the last size repeats until every device had its turn.
        </small>
      </label>
      <label>
        <span>At once</span>
        <input type="number" min={1} max={1000} value={form.concurrency} onChange={set('concurrency')} />
      </label>
      <label>
        <span>Pause when failed above (%)</span>
        <input type="number" min={0} max={100} value={form.threshold} onChange={set('threshold')} />
      </label>
      <label className="push-check">
        <input type="checkbox" checked={form.windowOn} onChange={set('windowOn')} />
        <span>Only in a maintenance window</span>
      </label>
      {form.windowOn && (
        <span className="push-window">
          <label>
            <span>From</span>
            <input type="time" value={form.start} onChange={set('start')} />
          </label>
          <label>
            <span>To</span>
            <input type="time" value={form.end} onChange={set('end')} />
          </label>
          <small className="muted">Local time; may pass midnight (23:00–05:00).</small>
        </span>
      )}
      {errors.length > 0 && (
        <ul className="small warn-text push-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
