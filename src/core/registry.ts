/**
 * Every demo the worker, the tests and the CLI can run, by id. Lazy so that a chapter's
 * worker loads only the models it needs. Add one line per demo.
 */
import type { DemoDefinition } from './demo';

type Loader = () => Promise<DemoDefinition>;

export const demoRegistry: Record<string, Loader> = {
  'vi-2d-fit': () => import('./vi/families/demo').then((m) => m.default),
  'amortization-gap': () => import('./vi/amortized/demo').then((m) => m.default),
  'ddm': () => import('./diffusion/ddmDemo').then((m) => m.default as unknown as DemoDefinition),
  'ddm-digits': () => import('./diffusion/ddmDigitsDemo').then((m) => m.default as unknown as DemoDefinition),
  'ddm-latent': () => import('./diffusion/latentDemo').then((m) => m.default as unknown as DemoDefinition),
  'svi-step-sizes': () => import('./vi/svi/demo').then((m) => m.default),
  'mixture-1d': () => import('./em/mixture1dDemo').then((m) => m.default),
  'mcem': () => import('./em/mcemDemo').then((m) => m.default),
  'ppca-em': () => import('./em/ppcaDemo').then((m) => m.default),
  'em-gmm': () => import('./em/emGmmDemo').then((m) => m.default),
  'variational-em': () => import('./vi/elbo/demo').then((m) => m.default),
  'repeated-sampling': () => import('./vi/estimator/demo').then((m) => m.default as unknown as DemoDefinition),
  'cavi-gaussian': () => import('./vi/cavi/gaussianDemo').then((m) => m.default),
  'cavi-gmm': () => import('./vi/cavi/gmmDemo').then((m) => m.default),
  'cavi-vs-mcmc': () => import('./vi/cavi/raceDemo').then((m) => m.default),
  'vae': () => import('./vae/demo').then((m) => m.default),
  'vae-iwae': () => import('./vae/iwaeDemo').then((m) => m.default),
  'vae-gaps': () => import('./vae/gapsDemo').then((m) => m.default),
  'lda-race': () => import('./lda/raceDemo').then((m) => m.default as unknown as DemoDefinition),
  'bnn-regression': () => import('./bnn/demo').then((m) => m.default as unknown as DemoDefinition),
  'hvae': () => import('./vae/hvae/demo').then((m) => m.default),
};

export async function loadDemo(id: string): Promise<DemoDefinition> {
  const loader = demoRegistry[id];
  if (!loader) throw new Error(`Unknown demo "${id}". Known demos: ${Object.keys(demoRegistry).join(', ')}`);
  return loader();
}
