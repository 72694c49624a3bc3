#!/usr/bin/env python3
"""An independent NumPy implementation of puma-train's forward pass and of the
stage-2 alignment loss, compared with what puma-train computed on the same batch
(`puma-train reference-batch`). The finite-difference checks in the Swift tests
prove each backward matches its forward; this proves the forward itself: the
conv stem (channel-last 3x3, padding 1), patch embedding, pre-LN transformer
blocks (LayerNorm eps 1e-5, GELU tanh, non-causal in the vision encoder, causal
in the LM), the projector, the image summary, the tied head, and the loss as the
official VTATrainer states it: logits standardized over the vocabulary with the
Bessel-corrected std (+1e-6), softmax at temperature T, alpha * KL(P_vision ||
P_text) + (1 - alpha) * KL(P_text || P_vision) summed over answer rows over the
batch size, times lambda * T^2, plus (1 - lambda) * the vision member's mean CE
on raw logits. Everything here is float64.

    python3 reference_forward.py CHECKPOINT_DIR BATCH.safetensors [TOLERANCE]

Exits 1 when the logits (max |difference| over max |logit|) or any loss piece
(relative) differ by more than TOLERANCE (default 1e-4). Models with
pixelShuffle are refused. Needs numpy only."""
import json, struct, sys
import numpy as np


def load(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    out = {}
    for name, e in header.items():
        assert e["dtype"] == "F32", f"{path}: {name} is {e['dtype']}"
        a, b = e["data_offsets"]
        out[name] = np.frombuffer(raw[8 + n + a:8 + n + b], dtype="<f4").reshape(e["shape"]).astype(np.float64)
    return out, meta


def layer_norm(x, w, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + 1e-5) * w + b


def gelu(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis, keepdims=True))
    return e / e.sum(axis, keepdims=True)


def log_softmax(x, axis=-1):
    m = x.max(axis, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis, keepdims=True))


class Model:
    def __init__(self, ckpt):
        self.W, _ = load(ckpt + "/model.safetensors")
        cfg = json.load(open(ckpt + "/config.json"))
        self.c = cfg.get("model", cfg)
        if self.c.get("pixelShuffle"):
            sys.exit("reference_forward.py: models with pixelShuffle are not covered")

    def linear(self, x, name):
        return x @ self.W[name + ".weight"].T + self.W[name + ".bias"]

    def block(self, x, p, heads, causal):
        T, D = x.shape
        h = layer_norm(x, self.W[p + ".ln_1.weight"], self.W[p + ".ln_1.bias"])
        q, k, v = np.split(self.linear(h, p + ".attn.c_attn"), 3, axis=-1)
        hd = D // heads
        q, k, v = (t.reshape(T, heads, hd).transpose(1, 0, 2) for t in (q, k, v))
        s = q @ k.transpose(0, 2, 1) / np.sqrt(hd)
        if causal:
            s = np.where(np.tril(np.ones((T, T), dtype=bool)), s, -np.inf)
        a = (softmax(s) @ v).transpose(1, 0, 2).reshape(T, D)
        x = x + self.linear(a, p + ".attn.c_proj")
        h = layer_norm(x, self.W[p + ".ln_2.weight"], self.W[p + ".ln_2.bias"])
        return x + self.linear(gelu(self.linear(h, p + ".mlp.c_fc")), p + ".mlp.c_proj")

    def conv3x3(self, x, i, stride):
        # x [N, H, W, C] channel-last; weight [out, 3*3*C] in (ky, kx, c) order; padding 1.
        w, b = self.W[f"vision.stem.{i}.weight"], self.W[f"vision.stem.{i}.bias"]
        N, H, Wd, C = x.shape
        Ho, Wo = (H - 1) // stride + 1, (Wd - 1) // stride + 1
        xp = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
        cols = np.stack([xp[:, ky:ky + stride * (Ho - 1) + 1:stride, kx:kx + stride * (Wo - 1) + 1:stride, :]
                         for ky in range(3) for kx in range(3)], axis=3)  # [N, Ho, Wo, 9, C]
        return cols.reshape(N, Ho, Wo, 9 * C) @ w.reshape(w.shape[0], -1).T + b

    def encode(self, images):
        c = self.c
        x = (images * c["pixelScale"])[..., None]
        strides = ([1] if c.get("stemLead", 0) else []) + [2] * len(c.get("stem", []))
        for i, st in enumerate(strides):
            x = gelu(self.conv3x3(x, i, st))
        N, H, _, C = x.shape
        fp = c["patchSize"] >> len(c.get("stem", []))
        G = H // fp
        x = x.reshape(N, G, fp, G, fp, C).transpose(0, 1, 3, 2, 4, 5).reshape(N, G * G, fp * fp * C)
        x = self.linear(x, "vision.patch_embed") + self.W["vision.pos_embed"].reshape(G * G, -1)
        out = []
        for n in range(N):
            h = x[n]
            for i in range(c["visionLayers"]):
                h = self.block(h, f"vision.h.{i}", c["visionHeads"], False)
            h = layer_norm(h, self.W["vision.ln_f.weight"], self.W["vision.ln_f.bias"])
            out.append(self.linear(gelu(self.linear(h, "projector.fc1")), "projector.fc2"))
        return np.concatenate(out) if out else np.zeros((0, c["width"]))

    def logits(self, tokens, image_rows, images, loss_rows):
        c, W = self.c, self.W
        B, T = tokens.shape
        E = self.encode(images) if images.shape[0] > 0 and image_rows.max() >= 0 else None
        ni = E.shape[0] // images.shape[0] if E is not None else 0
        hidden = np.zeros((B * T, c["width"]))
        for b in range(B):
            rows = image_rows[b].astype(int)
            x = np.where((rows >= 0)[:, None], E[np.maximum(rows, 0)] if E is not None else 0,
                         W["lm.wte.weight"][tokens[b].astype(int)])
            if c.get("imageSummary") and E is not None and T > 1 and rows[1] >= 0:
                block = E[(rows[1] // ni) * ni:(rows[1] // ni + 1) * ni]
                pooled = block.max(0) if c.get("summaryPooling") == "max" else block.mean(0)
                x = x + np.where((rows < 0)[:, None], pooled, 0)
            x = x + W["lm.wpe.weight"][:T]
            for i in range(c["layers"]):
                x = self.block(x, f"lm.h.{i}", c["heads"], True)
            hidden[b * T:(b + 1) * T] = layer_norm(x, W["lm.ln_f.weight"], W["lm.ln_f.bias"])
        return hidden[loss_rows.astype(int)] @ W["lm.wte.weight"].T


def alignment_loss(vision, reference, targets, batch_size, alpha, lam, t):
    def standardized(x):
        c = x - x.mean(-1, keepdims=True)
        std = np.sqrt((c ** 2).sum(-1, keepdims=True) / (x.shape[-1] - 1))
        return c / (std + 1e-6)
    log_p = log_softmax(standardized(vision) / t)
    log_q = log_softmax(standardized(reference) / t)
    kl_f = (np.exp(log_p) * (log_p - log_q)).sum() / batch_size
    kl_r = (np.exp(log_q) * (log_q - log_p)).sum() / batch_size
    ce = -log_softmax(vision)[np.arange(len(targets)), targets.astype(int)].mean()
    total = lam * t * t * (alpha * kl_f + (1 - alpha) * kl_r) + (1 - lam) * ce
    return np.array([total, ce, kl_f, kl_r])


def main():
    ckpt, batch_path = sys.argv[1], sys.argv[2]
    tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
    model = Model(ckpt)
    batch, meta = load(batch_path)
    ours = {}
    worst = 0.0
    for member in ("reference", "vision"):
        g = lambda k: batch[f"{member}.{k}"]
        ours[member] = model.logits(g("tokens"), g("image_rows"), g("images"), g("loss_rows"))
        theirs = g("logits")
        err = np.abs(ours[member] - theirs).max() / max(1e-12, np.abs(ours[member]).max())
        worst = max(worst, err)
        print(f"{member}: {theirs.shape[0]} answer rows x {theirs.shape[1]}, logits differ by {err:.2e} of the largest")
    loss = alignment_loss(ours["vision"], ours["reference"], batch["vision.loss_targets"], int(meta["batch_size"]),
                          float(meta["alpha"]), float(meta["lambda"]), float(meta["temperature"]))
    theirs = np.array([float(v) for v in meta["loss_f64"].split(",")])
    rel = np.abs(loss - theirs) / np.maximum(np.abs(loss), 1e-12)
    for name, a, b, r in zip(("total", "ce", "kl_forward", "kl_reverse"), loss, theirs, rel):
        print(f"loss {name}: numpy {a:.9g}, puma-train {b:.9g}, relative difference {r:.2e}")
    if worst > tol or rel.max() > tol:
        print(f"FAIL: beyond the tolerance {tol:g}")
        sys.exit(1)
    print(f"ok: within {tol:g}")


main()
