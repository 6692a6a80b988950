import { CLASS_NAMES } from '../../model/architecture';
import type { StoredSample } from '../../storage/store';
import { Thumbnail } from './Thumbnail';

/** Every stored sample by expression, each deletable; or all at once after confirmation. */
export function SampleReview({ samples, onDelete, onDeleteAll }: {
  samples: StoredSample[]; onDelete: (id: number) => void; onDeleteAll: () => void;
}) {
  const confirmAll = () => {
    if (window.confirm(`Delete all ${samples.length} samples? This cannot be undone.`)) {
      onDeleteAll();
    }
  };
  return (
    <section className="review" aria-label="Samples">
      {CLASS_NAMES.map((name, label) => {
        const mine = samples.filter((s) => s.label === label);
        return (
          <details key={name} data-testid={`samples-${name}`}>
            <summary>{name} <strong data-testid="sample-count">{mine.length}</strong></summary>
            <div className="thumbnails">
              {mine.map((s) => (
                <button key={s.id} type="button" className="thumb-button"
                  title={`Delete (${s.source}${s.sourceName ? `: ${s.sourceName}` : ''}, ` +
                    `${new Date(s.capturedAt).toLocaleString()})`}
                  onClick={() => onDelete(s.id)}>
                  <Thumbnail pixels={s.pixels} />
                </button>
              ))}
            </div>
          </details>
        );
      })}
      {samples.length > 0 && <button type="button" className="danger" onClick={confirmAll}>
        Delete all samples</button>}
    </section>
  );
}
