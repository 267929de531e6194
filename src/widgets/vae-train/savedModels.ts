/**
 * The reader's own VAE weights in IndexedDB (one store, keyed by name), so a model trained on
 * this page survives a reload. Browser-only; src/core never touches storage.
 */
const DB_NAME = 'em-to-diffusion';
const STORE = 'vae-models';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME + '-vae', 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = f(tx.objectStore(STORE));
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
        tx.oncomplete = () => db.close();
      }),
  );
}

export function saveModel(name: string, bytes: Uint8Array): Promise<IDBValidKey> {
  return run('readwrite', (s) => s.put(bytes.slice(), name));
}

export async function loadModel(name: string): Promise<Uint8Array | null> {
  const v = await run<unknown>('readonly', (s) => s.get(name));
  return v instanceof Uint8Array ? v : null;
}
