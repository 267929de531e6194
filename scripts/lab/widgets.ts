/**
 * THE map from widget kind (src/widgets/registry.ts) to its `npm run lab -- <kind>` entry.
 * Adding a widget kind? Add one line here, or typecheck and tests/scripts/lab/widgets.test.ts fail.
 *
 * - `{ demo }`: a widget that trains in the worker runs the same demo (src/core/registry.ts)
 *   with the widget's own preset; `readout` adds what the page computes from the final snapshot.
 * - `{ figure }`: a widget that computes on the main thread calls the same core function.
 * `shows` names the numbers the widget displays: the test runs every entry with `quick`
 * settings and checks each of them is in its output.
 */
import type { widgetRegistry } from '../../src/widgets/registry';
import { COLLAPSE_PRESET } from '../../src/widgets/vae-collapse/preset';
import { SAMPLER_PRESET } from '../../src/widgets/ddm-sampler/preset';
import { LATENT_PRESET } from '../../src/widgets/vae-latent/logic';
import { ddmForwardFigure, gradientVarianceFigure, klDirectionFigure, type FigureDefinition } from './figures';
import { ddmSamplerReadout, ddmTrainReadout, elboSplitReadout, vaeLatentReadout, vaeReadout, type SnapshotReadout } from './readouts';

interface EntryBase {
  /** Keys of the output (final metrics, demo summary, readout, figure) that the widget shows. */
  shows: readonly string[];
  /** Small settings for the test: a step budget and raw settings as on the command line. */
  quick: { steps?: number; params?: Record<string, string>; /** false: skip the demo's slow summary */ summarize?: false };
}

export interface DemoWidgetEntry extends EntryBase {
  demo: string;
  preset?: Readonly<Record<string, string | number | boolean>>;
  readout?: SnapshotReadout;
}

export interface FigureWidgetEntry extends EntryBase {
  figure: FigureDefinition;
}

export type WidgetLabEntry = DemoWidgetEntry | FigureWidgetEntry;

export type WidgetKind = keyof typeof widgetRegistry;

const smallVae = { trainSize: '500', hidden: '16', epochs: '1', batch: '128' };

export const widgetLabEntries = {
  'likelihood-surface': { demo: 'mixture-1d', shows: ['logLik', 'mu1', 'mu2'], quick: { steps: 5 } },
  'em-gmm': { demo: 'em-gmm', shows: ['logLik', 'bound', 'π1 estimate', 'π1 SE', 'π1 95% lower', 'π1 95% upper', 'μ1,1 SE', 'μ3,2 95% upper', 'max |score| at the MLE'], quick: { steps: 60 } },
  'mcem-vs-em': { demo: 'mcem', shows: ['logLikExact', 'logLikMc', 'gap'], quick: { steps: 5 } },
  'ppca-em': { demo: 'ppca-em', shows: ['logLik', 'sigma2', 'mleSigma2', 'angle'], quick: { steps: 5 } },
  'elbo-split': { demo: 'variational-em', readout: elboSplitReadout, shows: ['logLik', 'yourQ.elbo', 'yourQ.kl', 'variationalEmQ.elbo', 'variationalEmQ.kl', 'tau2', 'mleTau2'], quick: { steps: 6 } },
  'repeated-sampling': { demo: 'repeated-sampling', shows: ['dataSets', 'biasMle', 'biasVariational', 'variational τ² limit', 'mle tau2 sd', 'variational tau2 SE sandwich', 'variational tau2 coverage sandwich', 'mle mu coverage naive', 'variational tau2 sandwich coverage of limit'], quick: { steps: 3, params: { R: '60', perStep: '20' } } },
  'cavi-gaussian': { demo: 'cavi-gaussian', shows: ['elbo', 'kl', 'varianceRatio'], quick: { steps: 5 } },
  'kl-direction': { figure: klDirectionFigure, shows: ['modeSeeking.klQP', 'modeSeeking.klPQ', 'massCovering.klQP', 'massCovering.klPQ'], quick: {} },
  'cavi-gmm': { demo: 'cavi-gmm', shows: ['elbo', 'meanError'], quick: { steps: 5 } },
  'lda-topics': { demo: 'lda-race', shows: ['heldOut0', 'heldOut1', 'heldOut2', 'docsPerSecond'], quick: { steps: 2, params: { k: '3', batch: '32', evalDocs: '50', evalEvery: '256' } } },
  'cavi-vs-mcmc': { demo: 'cavi-vs-mcmc', shows: ['caviError', 'mcmcError', 'caviVarRatio', 'mcmcVarRatio'], quick: { steps: 5 } },
  'svi-step-sizes': { demo: 'svi-step-sizes', shows: ['log10Error', 'log10ErrorSlow', 'log10ErrorFast'], quick: { steps: 20 } },
  'gradient-variance': { figure: gradientVarianceFigure, shows: ['exactGradient', 'reparameterization.variance', 'score.variance', 'varianceRatio', 'varianceRatioControlVariate'], quick: { params: { repeats: '200' } } },
  'vi-2d-fit': { demo: 'vi-2d-fit', shows: ['elbo', 'logZ'], quick: { steps: 5 } },
  'bnn-regression': { demo: 'bnn-regression', shows: ['family', 'coverageGapVi', 'coverageGapMle', 'coverageDataVi', 'coverageDataMle', 'lpdGapVi', 'lpdGapMle', 'viNoiseSd', 'mleNoiseSd', 'priorSds', 'widthRatio'], quick: { steps: 20, params: { family: 'linearized', hidden: '8', n: '30' } } },
  'amortization-gap': { demo: 'amortization-gap', shows: ['elboFactorized', 'elboAmortized', 'logEvidence'], quick: { steps: 5 } },
  'vae-train': { demo: 'vae', readout: vaeReadout, shows: ['heldOut.elbo', 'heldOut.recon', 'heldOut.kl', 'activeUnits'], quick: { steps: 2, params: smallVae, summarize: false } },
  'vae-latent': { demo: 'vae', preset: LATENT_PRESET, readout: vaeLatentReadout, shows: ['heldOut.elbo', 'centroid.0', 'probe.meanIntensity'], quick: { steps: 0, summarize: false } },
  'vae-collapse': { demo: 'vae', preset: COLLAPSE_PRESET, readout: vaeReadout, shows: ['activeUnits', 'heldOut.elbo', 'heldOut.kl', 'kl.z1'], quick: { steps: 2, params: { ...smallVae, latent: '4' }, summarize: false } },
  'vae-iwae': { demo: 'vae-iwae', shows: ['L1', 'L500', 'gain'], quick: { steps: 1, params: { digits: '20' } } },
  'hvae-layers': { demo: 'hvae', shows: ['elbo', 'kl1', 'kl2', 'testElbo'], quick: { steps: 2, params: { start: 'scratch', trainSize: '500', hidden: '32', hidden2: '16', epochs: '1' }, summarize: false } },
  'vae-gaps': { demo: 'vae-gaps', shows: ['logPx', 'approximationGap', 'amortizationGap'], quick: { steps: 1, params: { digits: '10', sviSteps: '50' } } },
  'ddm-forward': { figure: ddmForwardFigure, shows: ['sqrtAlphaBar', 'noiseSd', 'logSnr.linear', 'logSnr.cosine'], quick: { params: { t: '50' } } },
  'ddm-train-2d': { demo: 'ddm', readout: ddmTrainReadout, shows: ['energyDistance', 'floor', 'gaussianBaseline', 'negativeElbo'], quick: { steps: 100, params: { T: '10' } } },
  'ddm-sampler': { demo: 'ddm', preset: SAMPLER_PRESET, readout: ddmSamplerReadout, shows: ['t0.energy', 't0.sd'], quick: { steps: 5 } },
  'ddm-digits': { demo: 'ddm-digits', shows: ['loss'], quick: { steps: 1 } },
  'ddm-latent': { demo: 'ddm-latent', shows: ['loss'], quick: { steps: 1 } },
} satisfies Record<WidgetKind, WidgetLabEntry>;

export function isFigureEntry(e: WidgetLabEntry): e is FigureWidgetEntry {
  return 'figure' in e;
}
