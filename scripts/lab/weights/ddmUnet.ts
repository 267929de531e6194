/**
 * `npm run lab -- make-weights ddm-unet [--steps 3000] [--channels 32] [--batch 64] [--lr 6e-4]
 *   [--T 200] [--seed 1] [--save-every 250] [--threads 2] [--warmup 500] [--init weights] [--fresh] [--out path] [--ckpt path]`
 *
 * Makes chapter 8's convolutional 28×28 digit model, public/weights/ddm/digits28unet.safetensors:
 * the U-Net of src/core/diffusion/unetDenoiser.ts, trained by PyTorch
 * (scripts/weights/ddm_unet_torch.py: its docstring gives the network and the recipe) on the
 * training digits (written to .tmp/train28.f32). The average of the weights is written every
 * --save-every steps, so an interrupted run leaves a usable file; the run checkpoints to
 * .tmp/ddm-unet.ckpt.pt (or --ckpt) and resumes from it unless --fresh.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UNET_WEIGHTS_PATH } from '../../../src/core/diffusion/unetWeights';
import { flagReader } from './denoiserRun';
import { runTorchTrainer } from './torchEngine';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The trainer flags the lab passes on to the script as given. */
export const UNET_TRAINER_FLAGS = ['steps', 'seed', 'channels', 'batch', 'lr', 'T', 'save-every', 'threads', 'warmup', 'init'] as const;

export async function makeDdmUnetWeights(args: readonly string[]): Promise<void> {
  const flag = flagReader(args);
  await runTorchTrainer({
    root,
    script: 'scripts/weights/ddm_unet_torch.py',
    out: path.resolve(root, flag('out', path.join('public', UNET_WEIGHTS_PATH))),
    ckpt: path.resolve(root, flag('ckpt', '.tmp/ddm-unet.ckpt.pt')),
    args,
    pass: UNET_TRAINER_FLAGS,
  });
}
