#!/usr/bin/env python3
"""PyTorch reference for `npm run bench` (issue #12): the VAE and 2-D diffusion training steps of
src/core, timed in PyTorch on the CPU, so the bench can report our step time as a ratio to it.

Spawned by scripts/bench/torchRef.ts; prints one JSON object on stdout. Modes:

  probe [--threads N]   which interpreter, torch and BLAS ran (the loaded BLAS library from
                        /proc/self/maps, OpenBLAS's core name through ctypes when it is OpenBLAS)
                        and the time of one 128x784x400 product (the VAE's first layer).
  bench                 reads a JSON config on stdin (models, shapes, thread counts, budget) and
                        times each model's training step, and the step's bare products, at each
                        thread count.
  check DIR             runs DIR/manifest.json's steps from given initial weights and inputs and
                        prints the losses: the unit test compares them with ours.

The models, written out to match the TypeScript exactly (a mismatch fails the check test):
  VAE   x [B,D] -> h1 = relu(x W1 + b1) -> (mu, logvar) = h1 W2 + b2 -> z = mu + exp(logvar/2) eps
        -> h3 = relu(z W3 + b3) -> logits = h3 W4 + b4 (src/core/vae/model.ts); loss
        -(mean_b sum_d [x l - softplus(l)] - beta mean_b sum_j KL_j) (src/core/vae/gradient.ts,
        free bits 0); torch.optim.Adam, whose update is that of src/core/math/adam.ts with eps added to sqrt(v_hat).
  DDM   h0 = [x_t, emb(t)] -> depth x (relu(h W + b)) -> h W + b (src/core/diffusion/mlpDenoiser.ts);
        loss mean((out - eps)^2); Adam with eps added to sqrt(v) unscaled by the bias correction, as
        in src/core/math/adam.ts: torch.optim.Adam with its eps set to eps / sqrt(1 - beta2^t)
        before step t, which is the same update.
"""
import ctypes
import json
import math
import os
import sys
import time

ADAM_BETAS = (0.9, 0.999)
ADAM_EPS = 1e-8


def blas_libraries():
    """Shared libraries with 'blas' or 'lapack' in their name mapped into this process."""
    found = []
    with open('/proc/self/maps') as maps:
        for line in maps:
            parts = line.split()
            path = parts[-1] if len(parts) >= 6 else ''
            name = os.path.basename(path).lower()
            if path.startswith('/') and ('blas' in name or 'lapack' in name) and path not in found:
                found.append(path)
    return found


def openblas_handle(libs):
    """The loaded OpenBLAS, or None (reference BLAS, MKL, BLIS ... have no openblas_get_corename)."""
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib
        except (OSError, AttributeError):
            continue
    return None


def set_threads(n, openblas):
    import torch
    torch.set_num_threads(n)
    if openblas is not None and hasattr(openblas, 'openblas_set_num_threads'):
        openblas.openblas_set_num_threads(n)


def blas_info():
    import torch
    libs = blas_libraries()
    ob = openblas_handle(libs)
    info = {
        'libraries': libs,
        'openblas': ob is not None,
        'build_blas': next((p.split('=')[1] for p in torch.__config__.show().replace(',', ' ').split() if p.startswith('BLAS_INFO=')), 'unknown'),
        'coretype_env': os.environ.get('OPENBLAS_CORETYPE'),
    }
    if ob is not None:
        info['core'] = ob.openblas_get_corename().decode()
        ob.openblas_get_config.restype = ctypes.c_char_p
        info['config'] = ob.openblas_get_config().decode()
    return info, ob


def timed(fn, warmups, max_reps, min_reps, budget_ms):
    """Median and minimum ms of fn() (after warmups): load from other processes only adds time."""
    for _ in range(warmups):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < max_reps and (len(times) < min_reps or (time.perf_counter() - start) * 1e3 < budget_ms):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    return {'median_ms': times[(len(times) + 1) // 2 - 1], 'min_ms': times[0], 'reps': len(times)}


def probe(threads):
    import torch
    info, ob = blas_info()
    set_threads(threads, ob)
    a, b = torch.randn(128, 784), torch.randn(784, 400)
    r = timed(lambda: torch.mm(a, b), 5, 300, 20, 1500)
    flops = 2 * 128 * 784 * 400
    return {
        'python': sys.executable,
        'torch': torch.__version__,
        'cpu_count': os.cpu_count(),
        'threads': threads,
        'blas': info,
        'matmul_128x784x400': {**r, 'gflop_per_s': flops / r['min_ms'] / 1e6},
    }


# ---- the VAE ---------------------------------------------------------------------------------

def vae_params(theta, D, H, L):
    """The eight weights from the flat vector in layout order (src/core/vae/model.ts), as leaves."""
    import torch
    shapes = [(D, H), (H,), (H, 2 * L), (2 * L,), (L, H), (H,), (H, D), (D,)]
    out, o = [], 0
    for s in shapes:
        n = math.prod(s)
        out.append(theta[o:o + n].reshape(s).clone().requires_grad_(True))
        o += n
    if o != theta.numel():
        raise ValueError(f'theta has {theta.numel()} values, the {D}-{H}-{L} VAE {o}')
    return out


def vae_objective(p, x, eps, L, kl_weight):
    """(loss to descend, recon, kl): recon = mean_b log p(x|z), kl = mean_b KL(q||p)."""
    import torch
    import torch.nn.functional as F
    W1, b1, W2, b2, W3, b3, W4, b4 = p
    h1 = torch.relu(torch.addmm(b1, x, W1))
    e = torch.addmm(b2, h1, W2)
    mu, logvar = e[:, :L], e[:, L:]
    z = mu + torch.exp(0.5 * logvar) * eps
    h3 = torch.relu(torch.addmm(b3, z, W3))
    logits = torch.addmm(b4, h3, W4)
    B = x.shape[0]
    recon = -F.binary_cross_entropy_with_logits(logits, x, reduction='sum') / B
    kl = 0.5 * (mu.square() + logvar.exp() - 1 - logvar).sum() / B
    return -(recon - kl_weight * kl), recon, kl


def vae_step(p, opt, x, eps, L, kl_weight):
    opt.zero_grad(set_to_none=True)
    loss, recon, kl = vae_objective(p, x, eps, L, kl_weight)
    loss.backward()
    opt.step()
    return torch_stats(recon, kl)


def torch_stats(*scalars):
    import torch
    return torch.stack([s.detach() for s in scalars]).tolist()


# ---- the 2-D diffusion model -----------------------------------------------------------------

def ddm_params(weights, shapes):
    import torch
    return [torch.tensor(w, dtype=torch.float32).reshape(s).requires_grad_(True) for w, s in zip(weights, shapes)]


def ddm_loss(p, h0, eps):
    import torch
    h = h0
    depth = len(p) // 2 - 1
    for l in range(depth):
        h = torch.relu(torch.addmm(p[2 * l + 1], h, p[2 * l]))
    out = torch.addmm(p[-1], h, p[-2])
    return (out - eps).square().mean()


class DdmAdam:
    """torch.optim.Adam with eps placed as in src/core/math/adam.ts: p -= lr_t m/(sqrt(v) + eps)."""

    def __init__(self, params, lr):
        import torch
        self.opt = torch.optim.Adam(params, lr=lr, betas=ADAM_BETAS, eps=ADAM_EPS)
        self.t = 0

    def step(self, lr):
        self.t += 1
        for g in self.opt.param_groups:
            g['lr'] = lr
            g['eps'] = ADAM_EPS / math.sqrt(1 - ADAM_BETAS[1] ** self.t)
        self.opt.step()


def ddm_step(p, opt, h0, eps, lr):
    for w in p:
        w.grad = None
    loss = ddm_loss(p, h0, eps)
    loss.backward()
    opt.step(lr)
    return loss.item()


# ---- bench mode ------------------------------------------------------------------------------

def matmul_job(shapes):
    import torch
    ops = [(torch.randn(m, k), torch.randn(k, n)) for m, k, n in shapes]
    return lambda: [torch.mm(a, b) for a, b in ops]


def bench_vae(c):
    """The VaeTrainer step: rows gathered from a shuffled training set, eps drawn, forward,
    backward, Adam, the two statistics read back. Intensities are uniform draws (the speed of the
    products does not depend on the values)."""
    import torch
    D, H, L, B = c['inputDim'], c['hidden'], c['latent'], c['batch']
    gen = torch.Generator().manual_seed(1)
    train = torch.rand(c['trainCount'], D, generator=gen)
    theta = torch.randn(D * H + H + H * 2 * L + 2 * L + L * H + H + H * D + D, generator=gen) * 0.05
    p = vae_params(theta, D, H, L)
    opt = torch.optim.Adam(p, lr=c['lr'], betas=ADAM_BETAS, eps=ADAM_EPS)
    per_epoch = c['trainCount'] // B
    state = {'step': 0, 'order': None}

    def step():
        k = state['step'] % per_epoch
        if k == 0:
            state['order'] = torch.randperm(c['trainCount'], generator=gen)
        x = train.index_select(0, state['order'][k * B:(k + 1) * B])
        eps = torch.randn(B, L, generator=gen)
        state['step'] += 1
        return vae_step(p, opt, x, eps, L, c['klWeight'])

    return step


def bench_ddm(c):
    """The MlpDenoiser step: B points drawn from the training set, t ~ U{1..T}, eps ~ N(0, I),
    x_t and the embedding-table rows assembled, forward, backward, Adam, the loss read back."""
    import torch
    gen = torch.Generator().manual_seed(2)
    train = torch.tensor(c['train'], dtype=torch.float32).reshape(-1, c['dim'])
    ab = torch.tensor(c['alphaBar'], dtype=torch.float32)
    sa, sb = ab.sqrt(), (1 - ab).sqrt()
    table = torch.tensor(c['embeddingTable'], dtype=torch.float32).reshape(c['T'] + 1, c['embedDim'])
    dims = [c['dim'] + c['embedDim']] + [c['width']] * c['depth'] + [c['dim']]
    shapes = []
    for i in range(len(dims) - 1):
        shapes += [(dims[i], dims[i + 1]), (dims[i + 1],)]
    weights = [(torch.randn(math.prod(s), generator=gen) * (0.1 if len(s) == 2 else 0)).tolist() for s in shapes]
    p = ddm_params(weights, shapes)
    opt = DdmAdam(p, c['lr'])
    B = c['batch']

    def step():
        idx = torch.randint(0, train.shape[0], (B,), generator=gen)
        t = torch.randint(1, c['T'] + 1, (B,), generator=gen)
        eps = torch.randn(B, c['dim'], generator=gen)
        xt = sa[t, None] * train[idx] + sb[t, None] * eps
        h0 = torch.cat([xt, table[t]], 1)
        return ddm_step(p, opt, h0, eps, c['lr'])

    return step


def bench(config):
    import torch
    info, ob = blas_info()
    out = {'python': sys.executable, 'torch': torch.__version__, 'cpu_count': os.cpu_count(), 'blas': info, 'models': {}}
    budget = config.get('budget', {})
    jobs = {'vae': bench_vae, 'ddm': bench_ddm}
    for name, c in config['models'].items():
        rows = {}
        for n in config['threads']:
            set_threads(n, ob)
            step = jobs[name](c)
            r = timed(step, budget.get('warmups', 3), budget.get('maxReps', 200), budget.get('minReps', 5), budget.get('budgetMs', 4000))
            mm = timed(matmul_job(c['matmulShapes']), 3, budget.get('maxReps', 200), budget.get('minReps', 5), budget.get('budgetMs', 4000) / 2)
            flops = sum(2 * m * k * n_ for m, k, n_ in c['matmulShapes'])
            rows[str(n)] = {
                'step_ms': r['median_ms'],
                'step_min_ms': r['min_ms'],
                'reps': r['reps'],
                'matmul_only_ms': mm['median_ms'],
                'matmul_gflop_per_s': flops / mm['min_ms'] / 1e6,
                'threads_in_effect': torch.get_num_threads(),
            }
        out['models'][name] = rows
    return out


# ---- check mode ------------------------------------------------------------------------------

def check(directory):
    import numpy as np
    import torch
    with open(os.path.join(directory, 'manifest.json')) as f:
        m = json.load(f)

    def arr(name, shape):
        a = np.fromfile(os.path.join(directory, m['files'][name]), dtype='<f4')
        return torch.from_numpy(a.copy()).reshape(shape)

    torch.set_num_threads(1)
    K = m['steps']
    if m['model'] == 'vae':
        D, H, L, B = m['inputDim'], m['hidden'], m['latent'], m['batch']
        p = vae_params(arr('theta', (-1,)), D, H, L)
        opt = torch.optim.Adam(p, lr=m['lr'], betas=ADAM_BETAS, eps=ADAM_EPS)
        xs, epss = arr('x', (K, B, D)), arr('eps', (K, B, L))
        stats = [vae_step(p, opt, xs[k], epss[k], L, m['klWeight']) for k in range(K)]
        return {'model': 'vae', 'recon': [s[0] for s in stats], 'kl': [s[1] for s in stats]}
    if m['model'] == 'ddm':
        shapes = [tuple(s) for s in m['shapes']]
        flat = arr('weights', (-1,))
        weights, o = [], 0
        for s in shapes:
            n = math.prod(s)
            weights.append(flat[o:o + n].tolist())
            o += n
        p = ddm_params(weights, shapes)
        opt = DdmAdam(p, m['lr'][0])
        B, F, d = m['batch'], shapes[0][0], shapes[-1][0]
        h0s, epss = arr('h0', (K, B, F)), arr('eps', (K, B, d))
        return {'model': 'ddm', 'loss': [ddm_step(p, opt, h0s[k], epss[k], m['lr'][k]) for k in range(K)]}
    raise ValueError(f"unknown model {m['model']!r}")


def main(argv):
    mode = argv[1] if len(argv) > 1 else 'probe'
    if mode == 'probe':
        threads = int(argv[argv.index('--threads') + 1]) if '--threads' in argv else 1
        result = probe(threads)
    elif mode == 'bench':
        result = bench(json.load(sys.stdin))
    elif mode == 'check':
        result = check(argv[2])
    else:
        raise SystemExit(f'usage: torch_ref.py probe|bench|check DIR (got {mode!r})')
    json.dump(result, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main(sys.argv)
