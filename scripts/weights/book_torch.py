"""What the book's PyTorch trainers share (ddm_pixels_torch.py, ddm_unet_torch.py): the cosine
schedule and sinusoidal time embedding of src/core/diffusion/schedule.ts and timeEmbedding.ts,
the book's safetensors files (float16 written, float16 or float32 read), and the training
checkpoint (network, Adam state, weight average, step, torch's generator state) with its resume.

The trainers run as `python3 scripts/weights/X.py ...` and import this module from their own
folder (each puts that folder first on sys.path, so any working directory will do).
"""
import json, math, os, struct
import numpy as np
import torch


def cosine_alpha_bar(T, s=0.008):
    f = lambda t: math.cos(((t / T + s) / (1 + s)) * (math.pi / 2)) ** 2
    beta = [0.0] + [min(1 - f(t) / f(t - 1), 0.999) for t in range(1, T + 1)]
    ab = [1.0]
    for t in range(1, T + 1):
        ab.append(ab[-1] * (1 - beta[t]))
    return np.array(beta), np.array(ab)


def time_embeddings(T, dim):
    half = dim // 2
    t = np.arange(T + 1, dtype=np.float64)
    tau = t * 1000.0 / T
    w = np.exp(-math.log(10000.0) * np.arange(half) / half)
    return np.concatenate([np.sin(tau[:, None] * w), np.cos(tau[:, None] * w)], axis=1).astype(np.float32)


def write_book_safetensors(path, kind, tensors, meta):
    """Writes [(name, array)] as float16 with the book's metadata, atomically (via path.part)."""
    header = {"__metadata__": {"kind": kind, "book": json.dumps(meta)}}
    blobs, off = [], 0
    for name, arr in tensors:
        b = np.ascontiguousarray(arr, dtype=np.float16).tobytes()
        header[name] = {"dtype": "F16", "shape": list(arr.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


def read_book_safetensors(path):
    """(metadata, {name: float32 array}) of a book safetensors file (F16 or F32)."""
    raw = open(path, "rb").read()
    hl = struct.unpack("<Q", raw[:8])[0]
    hdr = json.loads(raw[8:8 + hl])
    meta = json.loads(hdr.pop("__metadata__")["book"])
    out = {}
    for name, e in hdr.items():
        a, b = e["data_offsets"]
        dt = np.float16 if e["dtype"] == "F16" else np.float32
        out[name] = np.frombuffer(raw[8 + hl + a: 8 + hl + b], dtype=dt).astype(np.float32).reshape(e["shape"])
    return meta, out


def resume_checkpoint(path, fresh, net, opt):
    """Loads the checkpoint at `path` into net and opt and restores torch's generator, unless
    `fresh` or there is none. Returns the checkpoint (its "ema" and "step", and whatever else the
    trainer saved) or None."""
    if not os.path.exists(path) or fresh:
        return None
    ck = torch.load(path)
    net.load_state_dict(ck["net"]); opt.load_state_dict(ck["opt"])
    torch.set_rng_state(ck["rng"])
    print(f"resumed from {path} at step {ck['step']}", flush=True)
    return ck


def save_checkpoint(path, net, opt, ema, step, **extra):
    """Saves net, opt, the weight average, the step, torch's generator and `extra` atomically (via path.part)."""
    torch.save({"net": net.state_dict(), "opt": opt.state_dict(), "ema": ema, "step": step, "rng": torch.get_rng_state(), **extra}, path + ".part")
    os.replace(path + ".part", path)
