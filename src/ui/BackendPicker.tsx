import {
  BACKEND_LABELS, BACKEND_ORDER, type BackendChoice, type BackendPreference,
} from '../classify/backend-selection';

/** Shows the backend in use, why faster ones were skipped, and lets the user override. */
export function BackendPicker({ choice, preference, onChange }: {
  choice: BackendChoice | null; preference: BackendPreference;
  onChange: (p: BackendPreference) => void;
}) {
  const skipped = choice?.attempts.filter((a) => a.failure) ?? [];
  return (
    <div className="backend">
      <label>
        Backend{' '}
        <select value={preference} data-testid="backend-picker"
          onChange={(e) => onChange(e.target.value as BackendPreference)}>
          <option value="auto">Automatic</option>
          {BACKEND_ORDER.map((b) => <option key={b} value={b}>{BACKEND_LABELS[b]}</option>)}
        </select>
      </label>
      {choice && <span className="in-use" data-testid="backend-in-use">
        in use: {BACKEND_LABELS[choice.backend]}</span>}
      {choice?.detail && <span className="backend-detail" data-testid="backend-detail">
        {' '}({choice.detail})</span>}
      {skipped.length > 0 && (
        <details className="skipped">
          <summary>{skipped.length} skipped</summary>
          <ul>{skipped.map((a) => <li key={a.backend}>{BACKEND_LABELS[a.backend]}:
            {' '}{a.failure}</li>)}</ul>
        </details>
      )}
    </div>
  );
}
