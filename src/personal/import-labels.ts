/**
 * Labels of imported photos from their folder: `happy/me-1.jpg` is Happy. Folder names are
 * matched without regard to case, in FER-2013's names (`angry/` ... `neutral/`).
 */
import { CLASS_NAMES } from '../model/architecture';

const FOLDER_LABELS = new Map<string, number>(
  CLASS_NAMES.map((name, label) => [name.toLowerCase(), label]));

/** The label of the nearest enclosing folder named after an expression, or null. */
export function labelFromPath(relativePath: string): number | null {
  const folders = relativePath.split(/[\\/]/).slice(0, -1).reverse();
  for (const folder of folders) {
    const label = FOLDER_LABELS.get(folder.trim().toLowerCase());
    if (label !== undefined) return label;
  }
  return null;
}

export const EXPECTED_FOLDERS = CLASS_NAMES.map((n) => `${n.toLowerCase()}/`).join(', ');
