import { CLASS_NAMES } from '../model/architecture';
import { topExpression } from './draw-overlay';

/** The seven probabilities of one face as an accessible bar chart. */
export function ExpressionBars({ probabilities, label, model = 'general' }: {
  probabilities: Float32Array; label: string; model?: 'general' | 'personal';
}) {
  const top = topExpression(probabilities);
  return (
    <figure className="expression" data-testid="expression" data-model={model}>
      <figcaption>
        {label}: <strong data-testid="top-expression">{top.name}</strong>{' '}
        {Math.round(top.p * 100)}%
      </figcaption>
      <ul className="bars">
        {CLASS_NAMES.map((name, i) => (
          <li key={name}>
            <span className="bar-name">{name}</span>
            <span className="bar-track" role="meter" aria-label={name} aria-valuemin={0}
              aria-valuemax={100} aria-valuenow={Math.round(probabilities[i] * 100)}>
              <span className="bar-fill" style={{ width: `${probabilities[i] * 100}%` }} />
            </span>
            <span className="bar-value">{Math.round(probabilities[i] * 100)}%</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
