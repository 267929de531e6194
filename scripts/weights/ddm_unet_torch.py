"""PyTorch engine for `npm run lab -- make-weights ddm-unet`.

Trains chapter 8's 28x28 pixel-space diffusion model with a small convolutional U-Net noise
predictor, the same network as src/core/diffusion/unetDenoiser.ts (a test checks that the tfjs
network reproduces this file's forward pass), the same cosine schedule and sinusoidal time
embedding as src/core/diffusion/schedule.ts and timeEmbedding.ts, Adam with a linear warm-up,
a cosine decay of the learning rate to LR_FLOOR of its peak, and an exponential moving average of the weights.

The network (NHWC in tfjs; the file stores conv kernels as [kh, kw, in, out], tfjs's layout):
  temb = silu(dense(silu(dense(emb(t)))))                      emb: 64, hidden: 128
  block(c_in, c_out)(h) = skip(h) + conv3(silu(gn(conv3(silu(gn(h))) + dense(temb))))
      gn: group norm with 8 groups; skip: 1x1 conv where c_in != c_out, else identity
  28x28: h0 = conv3(x) (C); s1 = block(C, C)(h0)
  14x14: s2 = block(C, 2C)(avgpool2(s1))
   7x7 : m = block(2C, 2C)(avgpool2(s2))
  14x14: u2 = block(4C, 2C)(concat(up2(m), s2))
  28x28: u1 = block(3C, C)(concat(up2(u2), s1))
  eps = conv3(silu(gn(u1)))  (1 channel, zero-initialised)
up2 is nearest-neighbour upsampling. Convolutions are 'same' with zero padding.

       python3 ddm_unet_torch.py forward WEIGHTS.safetensors INPUTS.json   (the forward pass, for a test)
       python3 ddm_unet_torch.py grad WEIGHTS.safetensors INPUTS.json      (the loss gradient, for a test)
       python3 ddm_unet_torch.py serve WEIGHTS.safetensors [THREADS]        (eps_theta over pipes, for the yardstick)
usage: python3 ddm_unet_torch.py --data train28.f32 --out digits28unet.safetensors --ckpt ckpt.pt
         [--steps 3000] [--seed 1] [--channels 32] [--batch 64] [--lr 6e-4] [--T 200]
         [--fresh] [--threads 2] [--warmup 500] [--init WEIGHTS.safetensors]
--init continues training from a book weights file (its averaged weights, read as float32) with a fresh
Adam state and the average started at those weights; the new file's metadata records where it began
(initFrom, initSteps) and counts `steps` from there.
"""
import argparse, json, math, os, struct, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from book_torch import cosine_alpha_bar, read_book_safetensors, resume_checkpoint, save_checkpoint, time_embeddings, write_book_safetensors

EMBED = 64
HIDDEN = 128
GROUPS = 8
GN_EPS = 1e-5
WARMUP = 500  # default steps of linear warm-up (--warmup)
LR_FLOOR = 0.05
EMA_DECAY = 0.999


def block_specs(C):
    """(name, c_in, c_out) of the five residual blocks, in file order."""
    return [("down0", C, C), ("down1", C, 2 * C), ("mid", 2 * C, 2 * C), ("up1", 4 * C, 2 * C), ("up0", 3 * C, C)]


def tensor_shapes(C):
    """(name, shape) of every tensor in file order (tfjs layouts: conv [kh, kw, in, out], dense [in, out])."""
    out = [("temb.fc1.weight", [EMBED, HIDDEN]), ("temb.fc1.bias", [HIDDEN]),
           ("temb.fc2.weight", [HIDDEN, HIDDEN]), ("temb.fc2.bias", [HIDDEN]),
           ("in.weight", [3, 3, 1, C]), ("in.bias", [C])]
    for name, ci, co in block_specs(C):
        out += [(f"{name}.norm1.gamma", [ci]), (f"{name}.norm1.beta", [ci]),
                (f"{name}.conv1.weight", [3, 3, ci, co]), (f"{name}.conv1.bias", [co]),
                (f"{name}.time.weight", [HIDDEN, co]), (f"{name}.time.bias", [co]),
                (f"{name}.norm2.gamma", [co]), (f"{name}.norm2.beta", [co]),
                (f"{name}.conv2.weight", [3, 3, co, co]), (f"{name}.conv2.bias", [co])]
        if ci != co:
            out += [(f"{name}.skip.weight", [1, 1, ci, co]), (f"{name}.skip.bias", [co])]
    out += [("out.norm.gamma", [C]), ("out.norm.beta", [C]), ("out.weight", [3, 3, C, 1]), ("out.bias", [1])]
    return out


class UNet(torch.nn.Module):
    """Parameters held in the file's (tfjs) layouts; convs permute to torch's [out, in, kh, kw]."""

    def __init__(self, C):
        super().__init__()
        self.C = C
        self.p = torch.nn.ParameterDict()
        for name, shape in tensor_shapes(C):
            key = name.replace(".", "_")
            t = torch.zeros(shape)
            if name.endswith("gamma"):
                t.fill_(1.0)
            elif name.endswith("weight") and not name.startswith("out.") and not name.endswith("conv2.weight"):
                fan_in = int(np.prod(shape[:-1]))
                lim = math.sqrt(3.0 / fan_in)  # unit-variance outputs for unit-variance inputs
                t.uniform_(-lim, lim)
            elif name.endswith("conv2.weight"):
                fan_in = int(np.prod(shape[:-1]))
                lim = 0.2 * math.sqrt(3.0 / fan_in)  # residual branches start small
                t.uniform_(-lim, lim)
            self.p[key] = torch.nn.Parameter(t)

    def w(self, name):
        return self.p[name.replace(".", "_")]

    def ordered(self):
        return [self.w(n) for n, _ in tensor_shapes(self.C)]

    def conv(self, h, name, pad=1):
        k = self.w(name + ".weight").permute(3, 2, 0, 1)
        return F.conv2d(h, k, self.w(name + ".bias"), padding=pad)

    def gn(self, h, name):
        return F.group_norm(h, GROUPS, self.w(name + ".gamma"), self.w(name + ".beta"), GN_EPS)

    def block(self, h, temb, name, ci, co):
        a = self.conv(F.silu(self.gn(h, name + ".norm1")), name + ".conv1")
        a = a + (temb @ self.w(name + ".time.weight") + self.w(name + ".time.bias"))[:, :, None, None]
        a = self.conv(F.silu(self.gn(a, name + ".norm2")), name + ".conv2")
        return (self.conv(h, name + ".skip", pad=0) if ci != co else h) + a

    def forward(self, x, emb):
        """x: [B, 1, 28, 28]; emb: [B, EMBED] -> eps: [B, 1, 28, 28]"""
        C = self.C
        temb = F.silu(emb @ self.w("temb.fc1.weight") + self.w("temb.fc1.bias"))
        temb = F.silu(temb @ self.w("temb.fc2.weight") + self.w("temb.fc2.bias"))
        h0 = self.conv(x, "in")
        s1 = self.block(h0, temb, "down0", C, C)
        s2 = self.block(F.avg_pool2d(s1, 2), temb, "down1", C, 2 * C)
        m = self.block(F.avg_pool2d(s2, 2), temb, "mid", 2 * C, 2 * C)
        u2 = self.block(torch.cat([F.interpolate(m, scale_factor=2, mode="nearest"), s2], 1), temb, "up1", 4 * C, 2 * C)
        u1 = self.block(torch.cat([F.interpolate(u2, scale_factor=2, mode="nearest"), s1], 1), temb, "up0", 3 * C, C)
        return self.conv(F.silu(self.gn(u1, "out.norm")), "out")


def load_net(weights):
    meta, w = read_book_safetensors(weights)
    net = UNet(meta["channels"])
    with torch.no_grad():
        for name, _ in tensor_shapes(net.C):
            net.w(name).copy_(torch.from_numpy(w[name]))
    return meta, net


def forward_check(weights, inputs):
    """Prints eps_theta(x_t, t) for the rows of a JSON file {"t": [...], "x": [[...784], ...]} as JSON."""
    meta, net = load_net(weights)
    q = json.load(open(inputs))
    t = torch.tensor(q["t"])
    x = torch.tensor(q["x"], dtype=torch.float32).reshape(-1, 1, 28, 28)
    table = torch.from_numpy(time_embeddings(meta["T"], EMBED))
    with torch.no_grad():
        out = net(x, table[t]).reshape(-1, 784)
    print(json.dumps(out.tolist()))


def grad_check(weights, inputs):
    """Prints the simplified loss mean((eps_theta(x_t, t) - eps)^2) and its gradient in file order, in float64,
    for a JSON file {"t": [...], "x0": [[...784], ...], "eps": [[...784], ...]} with x_t = sqrt(ab_t) x0 + sqrt(1 - ab_t) eps
    as JSON {"loss": l, "grads": [[...], ...]} (each tensor flattened in its file layout)."""
    meta, net = load_net(weights)
    net = net.double()
    q = json.load(open(inputs))
    t = torch.tensor(q["t"])
    _, ab = cosine_alpha_bar(meta["T"])
    ab = torch.from_numpy(ab)[t][:, None, None, None]
    x0 = torch.tensor(q["x0"], dtype=torch.float64).reshape(-1, 1, 28, 28)
    eps = torch.tensor(q["eps"], dtype=torch.float64).reshape(-1, 1, 28, 28)
    xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps
    table = torch.from_numpy(time_embeddings(meta["T"], EMBED)).double()
    loss = ((net(xt, table[t]) - eps) ** 2).mean()
    grads = torch.autograd.grad(loss, net.ordered())
    print(json.dumps({"loss": loss.item(), "grads": [g.reshape(-1).tolist() for g in grads]}))


def serve(weights):
    """eps_theta for the book's sampler over pipes (scripts/lab/torchUnet.ts): reads requests
    (int32 n, int32 t, n*784 float32 x_t, little-endian) from stdin until it closes, answers each
    with n*784 float32 predictions on stdout. Evaluates in chunks of 64 rows (larger chunks ran slower per row here)."""
    meta, net = load_net(weights)
    table = torch.from_numpy(time_embeddings(meta["T"], EMBED))
    inp, out = sys.stdin.buffer, sys.stdout.buffer

    def read(k):
        b = inp.read(k)
        return b if b is not None and len(b) == k else None

    while True:
        head = read(8)
        if head is None:
            return
        n, t = struct.unpack("<ii", head)
        x = torch.from_numpy(np.frombuffer(read(4 * n * 784), dtype="<f4").copy()).reshape(n, 1, 28, 28)
        res = []
        with torch.no_grad():
            for i in range(0, n, 64):
                xi = x[i:i + 64]
                res.append(net(xi, table[torch.full((xi.shape[0],), t)]).reshape(-1, 784))
        out.write(torch.cat(res).numpy().astype("<f4").tobytes())
        out.flush()


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "forward":
        return forward_check(sys.argv[2], sys.argv[3])
    if len(sys.argv) == 4 and sys.argv[1] == "grad":
        return grad_check(sys.argv[2], sys.argv[3])
    if len(sys.argv) >= 3 and sys.argv[1] == "serve":
        if len(sys.argv) == 4:
            torch.set_num_threads(int(sys.argv[3]))
        return serve(sys.argv[2])
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--channels", type=int, default=32)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=6e-4)
    ap.add_argument("--T", type=int, default=200)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--save-every", type=int, default=250)
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--warmup", type=int, default=WARMUP)
    ap.add_argument("--init", default=None)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    X = torch.from_numpy(np.fromfile(a.data, dtype=np.float32).reshape(-1, 1, 28, 28))
    n = X.shape[0]
    beta, ab = cosine_alpha_bar(a.T)
    table = torch.from_numpy(time_embeddings(a.T, EMBED))
    sab = torch.from_numpy(np.sqrt(ab).astype(np.float32))
    s1ab = torch.from_numpy(np.sqrt(1 - ab).astype(np.float32))

    torch.manual_seed(a.seed)
    net = UNet(a.channels)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    init_meta = None
    if a.init:
        init_meta, net = load_net(a.init)
        if net.C != a.channels or init_meta["T"] != a.T:
            sys.exit(f"--init {a.init} has {net.C} channels and T = {init_meta['T']}; this run asks for {a.channels} and {a.T}")
        opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    ema = [p.detach().clone() for p in net.ordered()]
    done = 0
    ck = resume_checkpoint(a.ckpt, a.fresh, net, opt)
    if ck is not None:
        ema, done = ck["ema"], ck["step"]
        init_meta = ck.get("init_meta", init_meta)  # the file --init named may since have been overwritten
    params = sum(p.numel() for p in net.parameters())
    print(f"{params} parameters: U-Net, {a.channels} base channels, T = {a.T}, batch {a.batch}, torch {torch.__version__}, {torch.get_num_threads()} thread(s)", flush=True)

    def lr_at(k):
        if k <= a.warmup:
            return a.lr * k / a.warmup
        u = min(1.0, (k - a.warmup) / max(1, a.steps - a.warmup))
        return a.lr * (LR_FLOOR + (1 - LR_FLOOR) * 0.5 * (1 + math.cos(math.pi * u)))

    def save(k):
        tensors = [(nm, e.numpy()) for (nm, _), e in zip(tensor_shapes(a.channels), ema)]
        meta = {"side": 28, "T": a.T, "schedule": "cosine", "steps": k, "plannedSteps": a.steps, "seed": a.seed, "lr": a.lr,
                "lrFloor": LR_FLOOR, "batch": a.batch, "warmup": a.warmup, "emaDecayPerStep": EMA_DECAY,
                "engine": f"torch {torch.__version__}", "channels": a.channels, "embedDim": EMBED, "hidden": HIDDEN,
                "groups": GROUPS}
        if init_meta is not None:
            meta.update({"initFrom": os.path.basename(a.init), "initSteps": init_meta["steps"], "steps": init_meta["steps"] + k,
                         "stepsThisRun": k})
        write_book_safetensors(a.out, "ddm-unet-denoiser", tensors, meta)

    t0, avg = time.time(), 0.0
    for k in range(done + 1, a.steps + 1):
        idx = torch.randint(0, n, (a.batch,))
        x0 = X[idx]
        t = torch.randint(1, a.T + 1, (a.batch,))
        eps = torch.randn_like(x0)
        xt = sab[t][:, None, None, None] * x0 + s1ab[t][:, None, None, None] * eps
        loss = ((net(xt, table[t]) - eps) ** 2).mean()
        for g in opt.param_groups:
            g["lr"] = lr_at(k)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            # the average starts after the warm-up, or at once from --init's weights
            d = EMA_DECAY if (k > a.warmup or init_meta is not None) else 0.0
            for e, p in zip(ema, net.ordered()):
                e.mul_(d).add_(p.detach(), alpha=1 - d)
        avg += loss.item() / 50
        if k % 50 == 0:
            print(f"step {k}  loss(avg of 50) {avg:.4f}  lr {lr_at(k):.2e}  {time.time() - t0:.0f} s", flush=True)
            avg = 0.0
        if k % a.save_every == 0 or k == a.steps:
            save(k)
            save_checkpoint(a.ckpt, net, opt, ema, k, init_meta=init_meta)
    print(f"wrote {a.out}", flush=True)


if __name__ == "__main__":
    main()
