/**
 * Labels of imported photos, from their folder (`happy/me-1.jpg` is Happy) or, for loose
 * files, from the start of their name (`happy_1.jpg`, `Sad-2.png`, `surprise.jpeg`). Names
 * are FER-2013's (`angry` ... `neutral`), matched without regard to case.
 */
import { CLASS_NAMES } from '../model/architecture';

const LABELS = new Map<string, number>(
  CLASS_NAMES.map((name, label) => [name.toLowerCase(), label]));

/**
 * A leading run of letters, then anything but a letter (or nothing). The letter guard keeps
 * `sadness.jpg` or `happyface.png` unlabelled rather than guessed.
 */
const LEADING_WORD = /^([a-z]+)(?![a-z])/i;

export const EXPECTED_FOLDERS = CLASS_NAMES.map((n) => `${n.toLowerCase()}/`).join(', ');
export const EXPECTED_NAMES = 'happy_1.jpg, Sad-2.png, surprise.jpeg';

/** The label of the nearest enclosing folder named after an expression, or null. */
export function labelFromFolders(relativePath: string): number | null {
  const folders = relativePath.split(/[\\/]/).slice(0, -1).reverse();
  for (const folder of folders) {
    const label = LABELS.get(folder.trim().toLowerCase());
    if (label !== undefined) return label;
  }
  return null;
}

/** The label a file's own name starts with (`happy_1.jpg` is Happy), or null. */
export function labelFromFileName(relativePath: string): number | null {
  const name = relativePath.split(/[\\/]/).pop() ?? '';
  const word = LEADING_WORD.exec(name.trim())?.[1];
  return word === undefined ? null : LABELS.get(word.toLowerCase()) ?? null;
}

/**
 * The label of an imported photo, or null. A folder named after an expression wins over the
 * file name, so `sad/happy_1.jpg` is Sad: sorting into folders is the more deliberate act.
 */
export function labelFromPath(relativePath: string): number | null {
  return labelFromFolders(relativePath) ?? labelFromFileName(relativePath);
}

export type ImportLabel = { ok: true; label: number } | { ok: false; reason: string };

/** The label of an imported photo, or why it has none, in words the import list shows. */
export function importLabel(relativePath: string): ImportLabel {
  const label = labelFromPath(relativePath);
  if (label !== null) return { ok: true, label };
  return { ok: false, reason: 'no expression in its folder or name: expected a folder ' +
    `(${EXPECTED_FOLDERS}) or a name starting with one (${EXPECTED_NAMES})` };
}
