/** What the reverse sampler opens on: the shipped two-moons model (a chapter's preset may override it). */
export const SAMPLER_PRESET = { pretrained: true } as const;
