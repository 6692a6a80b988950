/** Removes everything this app keeps in the browser (IndexedDB database, local settings). */
export const DATABASE_NAME = 'personal-fer';

export function clearStoredData(): Promise<void> {
  localStorage.clear();
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DATABASE_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
