/**
 * Widget kinds a chapter can embed with <Widget kind="…" id="…" />, by kind. Lazy, so a
 * chapter downloads only the widgets it uses. Add one line per kind.
 */
import type { ComponentType } from 'react';

export interface WidgetProps {
  /** Unique on the page: URL keys are `${id}.${param}` and the root carries data-widget={id}. */
  id: string;
  /** Chapter-supplied settings that replace the param table's defaults. */
  preset?: Record<string, unknown>;
}

type Loader = () => Promise<{ default: ComponentType<WidgetProps> }>;

export const widgetRegistry: Record<string, Loader> = {
  'ddm-forward': () => import('./ddm-forward'),
  'ddm-train-2d': () => import('./ddm-train-2d'),
  'ddm-sampler': () => import('./ddm-sampler'),
  'ddm-digits': () => import('./ddm-digits'),
  'ddm-latent': () => import('./ddm-latent'),
  'svi-step-sizes': () => import('./svi-step-sizes'),
  'gradient-variance': () => import('./gradient-variance'),
  'vi-2d-fit': () => import('./vi-2d-fit'),
  'amortization-gap': () => import('./amortization-gap'),
  'likelihood-surface': () => import('./likelihood-surface'),
  'em-gmm': () => import('./em-gmm'),
  'mcem-vs-em': () => import('./mcem-vs-em'),
  'ppca-em': () => import('./ppca-em'),
  'elbo-split': () => import('./elbo-split'),
  'repeated-sampling': () => import('./repeated-sampling'),
  'cavi-gaussian': () => import('./cavi-gaussian'),
  'kl-direction': () => import('./kl-direction'),
  'cavi-gmm': () => import('./cavi-gmm'),
  'cavi-vs-mcmc': () => import('./cavi-vs-mcmc'),
  'vae-train': () => import('./vae-train'),
  'vae-latent': () => import('./vae-latent'),
  'vae-collapse': () => import('./vae-collapse'),
  'vae-iwae': () => import('./vae-iwae'),
  'vae-gaps': () => import('./vae-gaps'),
  'lda-topics': () => import('./lda-topics'),
  'bnn-regression': () => import('./bnn-regression'),
  'hvae-layers': () => import('./hvae-layers'),
};
