/**
 * Checks the card.json of an imported package. The card only describes the model (how it
 * was trained and how well it did), so a missing field gets a neutral default instead of
 * failing the import; but the panels read the card field by field, so it must be an object.
 */
import type { ModelCard } from '../storage/schema';
import { describeJson, isRecord, ModelImportError } from './import-error';

export interface ImportedCard {
  /** The name the card gives the model, if it gives a usable one. */
  name?: string;
  card: ModelCard;
}

/** The card of a package that has none; fresh objects, so no caller shares them. */
export function defaultCard(): ModelCard {
  return { samplesUsed: 0, settings: {}, metrics: {}, backend: 'unknown' };
}

const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Throws 'bad-card' unless `raw` is an object; fills in what it lacks. Pure. */
export function checkCard(raw: unknown): ImportedCard {
  if (!isRecord(raw)) {
    throw new ModelImportError('bad-card', `card.json must hold a JSON object (the model ` +
      `card) but holds ${describeJson(raw)}. Export the model again from this app, or ` +
      'remove card.json from the package to import the model without its card.');
  }
  // The name lives on the stored model, not in its card, where a rename would leave it stale.
  const { name, samplesUsed, settings, metrics, backend, ...rest } = raw;
  const defaults = defaultCard();
  const card: ModelCard = { ...rest,
    samplesUsed: isCount(samplesUsed) ? samplesUsed : defaults.samplesUsed,
    settings: isRecord(settings) ? settings : defaults.settings,
    metrics: isRecord(metrics) ? metrics : defaults.metrics,
    backend: typeof backend === 'string' ? backend : defaults.backend };
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return trimmed ? { name: trimmed, card } : { card };
}
