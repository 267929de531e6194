/** Messages between the bench page and its worker. Plain data only. */
import type { BackendChoice } from '../../../src/runtime/protocol';
import type { JobBudget } from '../modelJobs';
import type { BenchResult } from '../types';

export interface BenchJob {
  /**
   * vae/ddm: step against matMuls; latent: sampling 16 digits and the latent step; unet: the U-Net
   * pixel model's sampling and step (../unetJob.ts); vae-profile: time by kernel; vae-host: the demo under the
   * worker's host; vae-trajectory: the ELBO of the first steps from the fixed seed.
   */
  model: 'vae' | 'ddm' | 'vae-profile' | 'vae-host' | 'vae-trajectory' | 'latent' | 'unet';
  /** Ask for the threaded wasm build, as a heavy demo does (DemoDefinition.threads). */
  threads?: boolean;
  /** a backend to force, or 'auto' for the book's own probe */
  backend: BackendChoice;
  budget: JobBudget;
  /** where public/ is served (the site root), for the MNIST digits */
  assetBase: string;
}

export type BenchReply =
  | {
      ok: true;
      backend: string;
      result: BenchResult;
      wasmBinary: string | null;
      crossOriginIsolated: boolean;
      /** the wasm backend's thread count, when on wasm */
      threads?: number;
      probe?: Record<string, number | null>;
    }
  | { ok: false; error: string; backend?: string };
