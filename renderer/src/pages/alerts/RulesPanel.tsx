// The alert rules: what each watches and on which devices, its open alerts, and where it cannot
// fire (a metric the model lacks); turn a rule off and on, delete it, add one.
import { useState } from 'react';
import type { AlertRule } from '../../../../shared/models-monitoring.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { RuleForm } from './RuleForm.tsx';
import { kindLabels, ruleCondition, scopeWords } from './rule-words.ts';

export function RulesPanel() {
  const rules = useApiQuery('listAlertRules', {});
  const update = useApiMutation('updateAlertRule', ['listAlertRules', 'listAlerts']);
  const remove = useApiMutation('deleteAlertRule', ['listAlertRules', 'listAlerts']);
  const error = update.error ?? remove.error;
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  return (
    <section className="panel alerts-section" aria-labelledby="rules-title">
      <h2 id="rules-title">Rules</h2>
      {error !== null && <ErrorAlert error={error} />}
      <QueryView query={rules} loading="Loading rules…">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No rules yet: add one below (for example "Device offline" after 3 silent intervals).</p>
          ) : (
            <div className="table-scroll">
              <table className="table rules-table">
                <caption className="sr-only">Alert rules</caption>
                <thead>
                  <tr>
                    <th scope="col">Rule</th>
                    <th scope="col">Condition</th>
                    <th scope="col">Devices</th>
                    <th scope="col" className="num">
                      Open
                    </th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r: AlertRule) => (
                    <tr key={r.id}>
                      <td>
                        <div>{r.name}</div>
                        <div className="muted small">
                          {kindLabels[r.kind]}
                          {r.enabled ? '' : ' · off'}
                        </div>
                      </td>
                      <td>
                        {ruleCondition(r)}
                        {r.notAvailable.devices > 0 && (
                          <div className="note small">
                            Not available on {r.notAvailable.devices} device{r.notAvailable.devices === 1 ? '' : 's'}:{' '}
                            {r.notAvailable.detail.join('; ')}
                          </div>
                        )}
                      </td>
                      <td>{scopeWords(r)}</td>
                      <td className="num">{r.openAlerts}</td>
                      <td>
                        <div className="actions">
                          <button
                            type="button"
                            onClick={() => update.mutate({ ruleId: r.id, enabled: !r.enabled })}
                            aria-label={`${r.enabled ? 'Turn off' : 'Turn on'} ${r.name}`}
                          >
                            {r.enabled ? 'Turn off' : 'Turn on'}
                          </button>
                          <button type="button" className="danger-outline" onClick={() => setDeleting(r)} aria-label={`Delete ${r.name}`}>
                            Delete
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the rule "${deleting?.name ?? ''}"?`}
        confirmLabel="Delete rule"
        danger
        busy={remove.isPending}
        onConfirm={() => {
          if (deleting !== null) remove.mutate({ ruleId: deleting.id }, { onSettled: () => setDeleting(null) });
        }}
        onCancel={() => setDeleting(null)}
      >
        <p>
          {deleting !== null && deleting.openAlerts > 0
            ? `Its ${deleting.openAlerts} open alert${deleting.openAlerts === 1 ? '' : 's'} and its history of alerts are deleted with it.`
            : 'Its history of alerts is deleted with it.'}{' '}
          To stop it for a while, turn it off instead.
        </p>
      </ConfirmDialog>
      <h3 className="small muted">Add a rule</h3>
      <RuleForm />
    </section>
  );
}
