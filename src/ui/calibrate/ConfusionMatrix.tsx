import { CLASS_NAMES } from '../../model/architecture';
import type { ClassificationReport } from '../../training/metrics';

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${Math.round(x * 100)}%`);

/** Accuracy, per-class recall and the confusion matrix of one model on held-out samples. */
export function ConfusionMatrix({ title, report }: {
  title: string; report: ClassificationReport;
}) {
  return (
    <figure className="confusion" data-testid="confusion">
      <figcaption>{title}: <strong>{pct(report.accuracy)}</strong> of {report.count}</figcaption>
      <table>
        <thead>
          <tr><th>true \ predicted</th>{CLASS_NAMES.map((n) => <th key={n}>{n.slice(0, 3)}</th>)}
            <th>recall</th></tr>
        </thead>
        <tbody>
          {report.confusion.map((row, c) => (
            <tr key={c}>
              <th>{CLASS_NAMES[c]}</th>
              {row.map((v, p) => <td key={p} className={p === c ? 'diagonal' : ''}>{v || ''}</td>)}
              <td>{pct(report.recall[c])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
