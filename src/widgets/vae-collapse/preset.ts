/**
 * The setting in which most latent dimensions collapse (a Gaussian decoder of fixed σ = 2 on
 * 3,000 digits), outside React so that `npm run lab -- vae-collapse` runs the same model.
 */
export const COLLAPSE_PRESET = {
  start: 'scratch',
  latent: 16,
  hidden: 200,
  trainSize: 3000,
  epochs: 10,
  decoder: 'gaussian',
  decoderStd: 2,
  klWeight: 1,
  annealEpochs: 0,
  freeBits: 0,
} as const;
