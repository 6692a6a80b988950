/** Data-parallel pretraining replicas in worker threads, driven one request at a time. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './pretrain-protocol';

/**
 * Starts a worker from a TypeScript file: worker threads do not inherit tsx's loader, so the
 * worker first registers it, then imports the module.
 */
function startTypeScriptWorker(url: URL): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); ` +
    `return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** Replicas per core, up to 4 (beyond that the gradient exchange outweighs the gain). */
export function defaultWorkerCount(backendIsMultiThreaded: boolean): number {
  return backendIsMultiThreaded ? 1 : Math.max(1, Math.min(4, availableParallelism()));
}

export class ReplicaPool {
  private readonly workers: Worker[];

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => startTypeScriptWorker(
      new URL('./pretrain-worker.ts', import.meta.url)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends one message to worker `i` and resolves with its reply. */
  request(i: number, message: ToWorker, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    const worker = this.workers[i];
    return new Promise((resolve, reject) => {
      const onMessage = (reply: FromWorker) => {
        cleanup();
        if (reply.type === 'error') reject(new Error(`Training worker ${i}: ${reply.message}`));
        else resolve(reply);
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(message, transfer);
    });
  }

  all(make: (i: number) => ToWorker): Promise<FromWorker[]> {
    return Promise.all(this.workers.map((_, i) => this.request(i, make(i))));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
