import { useEffect, useState } from 'react';
import { AppError, describeCause } from '../../app/errors';
import { openStorage, type AppStorage } from '../../storage/store';

export type StorageState =
  | { status: 'opening' }
  | { status: 'ready'; storage: AppStorage }
  | { status: 'error'; error: AppError };

/** Opens the app's IndexedDB storage for the component's life. */
export function useStorage(): StorageState {
  const [state, setState] = useState<StorageState>({ status: 'opening' });
  useEffect(() => {
    let storage: AppStorage | null = null;
    let cancelled = false;
    openStorage().then((s) => {
      storage = s;
      if (cancelled) s.close();
      else setState({ status: 'ready', storage: s });
    }).catch((e: unknown) => !cancelled && setState({ status: 'error',
      error: e instanceof AppError ? e : new AppError('storage-unavailable',
        `Stored data could not be opened (${describeCause(e)}).`) }));
    return () => {
      cancelled = true;
      storage?.close();
    };
  }, []);
  return state;
}
