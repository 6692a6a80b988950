import type { ModelMeta } from '../../storage/store';

/** A card value as text: a dash when it is missing, JSON when it is not a plain value. */
const show = (v: unknown): string => {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(3);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/** Two model cards side by side: samples, settings and metrics, differences marked. */
export function CardComparison({ models }: { models: ModelMeta[] }) {
  const rows: [string, (m: ModelMeta) => unknown][] = [
    ['created', (m) => new Date(m.createdAt).toLocaleString()],
    ['samples used', (m) => m.card.samplesUsed],
    ['backend', (m) => m.card.backend],
    // `?.`: cards stored before imports were checked may lack settings or metrics.
    ...Object.keys({ ...models[0].card.settings, ...models[1].card.settings })
      .map((k): [string, (m: ModelMeta) => unknown] => [k, (m) => m.card.settings?.[k]]),
    ...['personalAccuracy', 'generalAccuracy', 'heldOut', 'bestEpoch', 'trainingSeconds']
      .map((k): [string, (m: ModelMeta) => unknown] => [k, (m) => m.card.metrics?.[k]]),
  ];
  return (
    <table className="comparison" data-testid="comparison">
      <thead><tr><th />{models.map((m) => <th key={m.id}>{m.name}</th>)}</tr></thead>
      <tbody>
        {rows.map(([label, get]) => {
          const [a, b] = models.map((m) => show(get(m)));
          return (
            <tr key={label} className={a !== b ? 'differs' : ''}>
              <th>{label}</th><td>{a}</td><td>{b}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
