import type { Rng } from '../../random';
import { createCouplingFlow } from './couplingFlow';
import { createFullRankGaussian } from './fullRank';
import { createMeanFieldGaussian } from './meanField';
import type { FamilyName, VariationalFamily } from './types';

export interface FamilyOptions {
  /** Coupling layers (flow only). */
  layers: number;
  /** Hidden width of each coupling network (flow only). */
  hidden: number;
  rng: Rng;
}

/** Builds a family in its standard starting state: q = N(0, I) (the flow near the identity). */
export function createFamily(name: FamilyName, opts: FamilyOptions): VariationalFamily {
  switch (name) {
    case 'mean-field':
      return createMeanFieldGaussian();
    case 'full-rank':
      return createFullRankGaussian();
    case 'flow':
      return createCouplingFlow({ layers: opts.layers, hidden: opts.hidden, rng: opts.rng });
  }
}
