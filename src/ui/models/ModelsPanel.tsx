import { useCallback, useEffect, useState } from 'react';
import type { Engine } from '../../app/engine';
import { exportStoredModel, importModelFiles } from '../../models/model-library';
import type { AppStorage, ModelMeta } from '../../storage/store';
import { ACTIVE_MODEL_KEY } from '../calibrate/CalibratePanel';
import { CardComparison } from './CardComparison';

function download(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Cards stored before imports were checked may lack `metrics`; such a model shows a dash. */
const accuracy = (m: ModelMeta) => {
  const a = m.card.metrics?.personalAccuracy;
  return typeof a === 'number' ? `${Math.round(a * 100)}% on held-out samples`
    : 'held-out accuracy —';
};

/** The user's personal models: activate, rename, delete, export, import, compare. */
export function ModelsPanel({ engine, storage }: { engine: Engine; storage: AppStorage }) {
  const [models, setModels] = useState<ModelMeta[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [withSamples, setWithSamples] = useState(false);
  const [compared, setCompared] = useState<string[]>([]);

  const refresh = useCallback(async () => {
    setModels(await storage.listModels());
    setActive(await storage.getSetting<string | null>(ACTIVE_MODEL_KEY, null));
  }, [storage]);
  useEffect(() => void refresh(), [refresh]);

  const run = (work: () => Promise<string | void>) => work()
    .then((text) => text && setMessage({ text, error: false }))
    .catch((e: Error) => setMessage({ text: e.message, error: true }))
    .finally(() => void refresh());

  const activate = (id: string | null) => run(async () => {
    const record = id ? await storage.getModel(id) : undefined;
    await engine.setPersonalModel(record?.artifacts ?? null);
    await storage.setSetting(ACTIVE_MODEL_KEY, id);
  });

  // Files go in unread: importModelFiles checks their sizes before reading them.
  const importFiles = (files: File[]) => run(async () => {
    const meta = await importModelFiles(storage, files);
    return `Imported "${meta.name}".`;
  });

  return (
    <section className="models" aria-label="Models">
      {message && <p className={`notice${message.error ? ' error' : ''}`}
        role={message.error ? 'alert' : 'status'} data-testid="models-message">
        {message.text}</p>}
      <label className="drop-zone">Import a model (.zip, or model.json with its weights)
        <input type="file" multiple accept=".zip,.json,.bin" data-testid="import-model"
          onChange={(e) => void importFiles([...(e.target.files ?? [])])} />
      </label>
      <label><input type="checkbox" checked={withSamples}
        onChange={(e) => setWithSamples(e.target.checked)} /> Include my samples in exports
      </label>
      {models.length === 0 && <p>No personal model yet: train one in Personalise.</p>}
      <ul className="model-list" data-testid="model-list">
        {models.map((m) => (
          <li key={m.id} data-testid="model">
            <input type="checkbox" aria-label={`Compare ${m.name}`}
              checked={compared.includes(m.id)} onChange={(e) => setCompared(e.target.checked
                ? [...compared, m.id].slice(-2) : compared.filter((c) => c !== m.id))} />
            <strong>{m.name}</strong> {m.id === active && <span className="badge">active</span>}
            <span className="meta"> {new Date(m.createdAt).toLocaleString()} {accuracy(m)}</span>
            <span className="actions">
              {m.id === active
                ? <button type="button" onClick={() => void activate(null)}>Use general</button>
                : <button type="button" onClick={() => void activate(m.id)}>Use</button>}
              <button type="button" onClick={() => {
                const name = window.prompt('New name', m.name)?.trim();
                if (name) void run(() => storage.renameModel(m.id, name));
              }}>Rename</button>
              <button type="button" onClick={() => void run(async () => {
                const file = await exportStoredModel(storage, m.id, withSamples);
                download(file.fileName, file.bytes);
              })}>Export</button>
              <button type="button" className="danger" onClick={() => {
                if (!window.confirm(`Delete "${m.name}"? This cannot be undone.`)) return;
                void run(async () => {
                  if (m.id === active) await activate(null);
                  await storage.deleteModel(m.id);
                });
              }}>Delete</button>
            </span>
          </li>
        ))}
      </ul>
      {compared.length === 2 && (
        <CardComparison models={models.filter((m) => compared.includes(m.id))} />
      )}
    </section>
  );
}
