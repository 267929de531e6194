"""PyTorch engine for `npm run lab -- make-weights ddm-digits --engine torch`.

Trains chapter 8's 28x28 pixel-space diffusion model, the same network as
src/core/diffusion/resMlpDenoiser.ts (residual MLP on [x_t, emb(t)], per-block time projection,
leaky ReLU 0.05, output added to the exact noise predictor of a Gaussian fitted to the training
digits), the same cosine schedule and sinusoidal embedding as src/core/diffusion/schedule.ts and
timeEmbedding.ts, Adam with a linear warm-up and an exponential moving average of the weights.
Writes the book's safetensors file (kind "ddm-res-denoiser", tensor names of
src/core/diffusion/pixelDigits.ts, float16) that the tab and the Node tools read; a test checks
that the tfjs network reproduces this file's forward pass.

Why a second engine: one core of this machine runs the tfjs (wasm) step of this 3.7M-parameter
model in ~0.5 s and PyTorch in ~0.06 s; the model needs tens of thousands of steps.

       python3 ddm_pixels_torch.py forward WEIGHTS.safetensors INPUTS.json   (the forward pass, for a test)
usage: python3 ddm_pixels_torch.py --data train28.f32 --out digits28.safetensors --ckpt ckpt.pt
         [--steps 60000] [--seed 1] [--width 768] [--blocks 2] [--batch 64] [--lr 5e-4] [--T 200]
         [--fresh] [--threads 1]
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from book_torch import cosine_alpha_bar, read_book_safetensors, resume_checkpoint, save_checkpoint, time_embeddings, write_book_safetensors

LEAK = 0.05
EMBED = 64
WARMUP = 1000
EMA_DECAY = 0.999


def f16(a):
    return np.asarray(a, dtype=np.float16).astype(np.float32)


class ResDenoiser(torch.nn.Module):
    def __init__(self, dim, width, blocks, embed):
        super().__init__()
        self.w_in = torch.nn.Parameter(torch.empty(dim + embed, width))
        self.b_in = torch.nn.Parameter(torch.zeros(width))
        self.blocks = torch.nn.ParameterList()
        for _ in range(blocks):
            self.blocks.extend([
                torch.nn.Parameter(torch.empty(width, width)), torch.nn.Parameter(torch.zeros(width)),
                torch.nn.Parameter(torch.empty(embed, width)), torch.nn.Parameter(torch.zeros(width, width)),
                torch.nn.Parameter(torch.zeros(width))])
        self.w_out = torch.nn.Parameter(torch.zeros(width, dim))
        self.b_out = torch.nn.Parameter(torch.zeros(dim))
        self.nblocks = blocks
        self.embed = embed
        with torch.no_grad():
            for p in [self.w_in] + [self.blocks[5 * l + k] for l in range(blocks) for k in (0, 2)]:
                lim = math.sqrt(6 / p.shape[0])
                p.uniform_(-lim, lim)

    def ordered(self):
        """Tensors in resDenoiserShapes order."""
        out = [self.w_in, self.b_in]
        out += list(self.blocks)
        return out + [self.w_out, self.b_out]

    def forward(self, h0):
        emb = h0[:, -self.embed:]
        h = h0 @ self.w_in + self.b_in
        for l in range(self.nblocks):
            W1, b1, C, W2, b2 = self.blocks[5 * l: 5 * l + 5]
            a = torch.nn.functional.leaky_relu(h @ W1 + b1 + emb @ C, LEAK)
            h = h + a @ W2 + b2
        return torch.nn.functional.leaky_relu(h, LEAK) @ self.w_out + self.b_out


def tensor_names(blocks):
    names = ["in.weight", "in.bias"]
    for l in range(blocks):
        names += [f"block.{l}.fc1.weight", f"block.{l}.fc1.bias", f"block.{l}.time.weight", f"block.{l}.fc2.weight", f"block.{l}.fc2.bias"]
    return names + ["out.weight", "out.bias"]


def forward_check(weights, inputs):
    """Prints eps_theta(x_t, t) (network + Gaussian skip) for the rows of a JSON file
    {"t": [...], "x": [[...784], ...]} as JSON: the test of the tfjs network against this one."""
    meta, w = read_book_safetensors(weights)
    net = ResDenoiser(meta["dim"], meta["width"], meta["blocks"], meta["embedDim"])
    with torch.no_grad():
        for p, nm in zip(net.ordered(), tensor_names(meta["blocks"])):
            p.copy_(torch.from_numpy(w[nm]))
    q = json.load(open(inputs))
    t = np.array(q["t"])
    x = torch.tensor(q["x"], dtype=torch.float32)
    beta, ab = cosine_alpha_bar(meta["T"])
    table = torch.from_numpy(time_embeddings(meta["T"], meta["embedDim"]))
    lam = w["skip.eigenvalues"].astype(np.float64)
    coef = torch.from_numpy((np.sqrt(1 - ab[t])[:, None] / (ab[t][:, None] * lam[None, :] + 1 - ab[t][:, None])).astype(np.float32))
    U = torch.from_numpy(w["skip.eigenvectors"])
    shift = torch.from_numpy(np.sqrt(ab[t])[:, None].astype(np.float32)) * torch.from_numpy(w["skip.mean"])
    with torch.no_grad():
        out = net(torch.cat([x, table[torch.from_numpy(t)]], 1)) + (((x - shift) @ U) * coef) @ U.T
    print(json.dumps(out.tolist()))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "forward":
        return forward_check(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--steps", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--width", type=int, default=768)
    ap.add_argument("--blocks", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--T", type=int, default=200)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--save-every", type=int, default=1000)
    ap.add_argument("--fresh", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    x = np.fromfile(a.data, dtype=np.float32).reshape(-1, 784)
    n, d = x.shape
    # the Gaussian skip: ML moments, eigenbasis in float64, rounded to float16 (what the file stores)
    m = x.astype(np.float64).mean(0)
    S = np.cov(x.astype(np.float64), rowvar=False, bias=True)
    lam, U = np.linalg.eigh(S)
    lam, U = lam[::-1].copy(), U[:, ::-1].copy()
    m16, lam16, U16 = f16(m), f16(np.maximum(lam, 0)), f16(U)
    beta, ab = cosine_alpha_bar(a.T)
    table = torch.from_numpy(time_embeddings(a.T, EMBED))
    sab = torch.from_numpy(np.sqrt(ab).astype(np.float32))
    s1ab = torch.from_numpy(np.sqrt(1 - ab).astype(np.float32))
    # per-t skip coefficients c_{t,k} = sqrt(1-ab_t)/(ab_t lam_k + 1 - ab_t) and shifts sqrt(ab_t) m
    with np.errstate(invalid="ignore"):  # t = 0 (never drawn): 0/0 where a pixel never varies
        c = np.sqrt(1 - ab)[:, None] / (ab[:, None] * lam16[None, :].astype(np.float64) + 1 - ab[:, None])
    coef = torch.from_numpy(np.nan_to_num(c).astype(np.float32))
    Ut = torch.from_numpy(U16)
    mt = torch.from_numpy(m16)
    X = torch.from_numpy(x)

    torch.manual_seed(a.seed)
    net = ResDenoiser(d, a.width, a.blocks, EMBED)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    ema = [p.detach().clone() for p in net.ordered()]
    done = 0
    ck = resume_checkpoint(a.ckpt, a.fresh, net, opt)
    if ck is not None:
        ema, done = ck["ema"], ck["step"]
    params = sum(p.numel() for p in net.parameters())
    print(f"{params} parameters: width {a.width}, {a.blocks} residual blocks, T = {a.T}, batch {a.batch}, torch {torch.__version__}, {torch.get_num_threads()} thread(s)", flush=True)

    def skip(xt, t):
        z = (xt - sab[t][:, None] * mt) @ Ut
        return (z * coef[t]) @ Ut.T

    def save(k):
        tensors = [(nm, e.numpy()) for nm, e in zip(tensor_names(a.blocks), ema)]
        tensors += [("skip.mean", m16), ("skip.eigenvalues", lam16), ("skip.eigenvectors", U16)]
        meta = {"side": 28, "T": a.T, "schedule": "cosine", "steps": k, "seed": a.seed, "lr": a.lr, "batch": a.batch,
                "warmup": WARMUP, "emaDecayPerStep": EMA_DECAY, "engine": f"torch {torch.__version__}",
                "dim": d, "width": a.width, "blocks": a.blocks, "embedDim": EMBED}
        write_book_safetensors(a.out, "ddm-res-denoiser", tensors, meta)

    t0, avg = time.time(), 0.0
    for k in range(done + 1, a.steps + 1):
        idx = torch.randint(0, n, (a.batch,))
        x0 = X[idx]
        t = torch.randint(1, a.T + 1, (a.batch,))
        eps = torch.randn_like(x0)
        xt = sab[t][:, None] * x0 + s1ab[t][:, None] * eps
        h0 = torch.cat([xt, table[t]], 1)
        out = net(h0) + skip(xt, t)
        loss = ((out - eps) ** 2).mean()
        for g in opt.param_groups:
            g["lr"] = a.lr * min(1.0, k / WARMUP)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            for e, p in zip(ema, net.ordered()):
                e.mul_(EMA_DECAY).add_(p.detach(), alpha=1 - EMA_DECAY)
        avg += loss.item() / 100
        if k % 100 == 0:
            print(f"step {k}  loss(avg of 100) {avg:.4f}  {time.time() - t0:.0f} s", flush=True)
            avg = 0.0
        if k % a.save_every == 0 or k == a.steps:
            save(k)
            save_checkpoint(a.ckpt, net, opt, ema, k)
    print(f"wrote {a.out}", flush=True)


if __name__ == "__main__":
    main()
