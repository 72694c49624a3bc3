#!/usr/bin/env python3
"""PyTorch replica of puma-train's default shapes on the value-reading task, to
tell trainer bugs from what the architecture can learn (docs/EXPERIMENT.md,
"What the trials showed"). Not part of the product; needs torch, numpy, Pillow.

    python3 torch_reading_replica.py DATA STEPS [--lr 1e-3] [--stem] [--stem1 16] [--scale 30]
        [--summary none|mean|max|attn] [--lm-layers 2] [--vit-layers 2] [--vlr 1] [--batch 16]
        [--freeze-lm N] [--hold N] [--eval-every 250] [--seed 0] [--patch-end | --lin-end] [--puma-init]

DATA is a mathgen folder (or make_value_cards.py's / scramble_values.py's);
prints the training loss and held-out teacher-forced per-digit accuracy on the
first 64 eval problems' vision-dominant images every --eval-every steps, and
with --hold N also on the first N caption records (held out of training: the
scrambled figures of a mixed folder). Model: ViT 2x128 (patch 16 on 128 px,
or with --stem four 3x3 stride-2 convolutions 16-32-64-128 with GELU between
them giving the 8x8 tokens; --stem1 C puts a stride-1 3x3 convolution with C
channels first; --patch-end makes the last one a 2x2 stride-2 patch
embedding, as puma-train's stem ends; --lin-end puts a GELU after the last
one and a linear token embedding after that, as puma-train's stem with a 1x1
patch embedding ends), 2-layer MLP projector, 2x128 causal byte LM, tied head;
--summary adds the mean (or max, or a 4-query attention pool) of the image
tokens to every text embedding. --puma-init initialises as puma-train does
(residual projections at 0.02/sqrt(2 * layers), zero biases). AdamW, warmup 50, cosine to lr/10, clip 1,
batch 16."""
import argparse, json, math
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from PIL import Image

ap = argparse.ArgumentParser()
ap.add_argument("data"); ap.add_argument("steps", type=int); ap.add_argument("--lr", type=float, default=1e-3)
ap.add_argument("--stem", action="store_true"); ap.add_argument("--scale", type=float, default=1.0)
ap.add_argument("--summary", default="none"); ap.add_argument("--stem1", type=int, default=0); ap.add_argument("--hold", type=int, default=0); ap.add_argument("--seed", type=int, default=0); ap.add_argument("--patch-end", action="store_true"); ap.add_argument("--lm-layers", type=int, default=2); ap.add_argument("--vit-layers", type=int, default=2); ap.add_argument("--vlr", type=float, default=1.0); ap.add_argument("--eval-every", type=int, default=250); ap.add_argument("--batch", type=int, default=16); ap.add_argument("--freeze-lm", type=int, default=0)
ap.add_argument("--lin-end", action="store_true"); ap.add_argument("--puma-init", action="store_true")
a = ap.parse_args()
torch.set_num_threads(1); torch.manual_seed(a.seed)
recs = [json.loads(l) for l in open(a.data + "/captions.jsonl")]
hold = recs[:a.hold]; recs = recs[a.hold:]
ev = [r for r in map(json.loads, open(a.data + "/problems.jsonl")) if r["split"] == "eval"][:64]
load = lambda p: np.array(Image.open(a.data + "/" + p).convert("L"))
imgs = np.stack([load(r["image_url"]) for r in recs])
eimgs = np.stack([load(r["levels"]["vision_dominant"]["image"]) for r in ev])
himgs = np.stack([load(r["image_url"]) for r in hold]) if hold else None
R, P, DV, D = 128, 16, 128, 128
BOS, EOS, PAD, V = 256, 257, 259, 260

class Block(nn.Module):
    def __init__(s, w, h, causal):
        super().__init__(); s.l1, s.l2 = nn.LayerNorm(w), nn.LayerNorm(w)
        s.att = nn.MultiheadAttention(w, h, batch_first=True); s.causal = causal
        s.mlp = nn.Sequential(nn.Linear(w, 4 * w), nn.GELU(approximate="tanh"), nn.Linear(4 * w, w))
    def forward(s, x):
        T = x.shape[1]; m = torch.triu(torch.ones(T, T, dtype=torch.bool), 1) if s.causal else None
        h = s.l1(x); x = x + s.att(h, h, h, attn_mask=m, need_weights=False)[0]
        return x + s.mlp(s.l2(x))

class Model(nn.Module):
    def __init__(s):
        super().__init__()
        s.pe = nn.Linear(P * P, DV)
        s.stem = nn.ModuleList(([nn.Conv2d(1, a.stem1, 3, 1, 1)] if a.stem1 else []) + [nn.Conv2d(i, o, 3, 2, 1) for i, o in [(a.stem1 or 1, 16), (16, 32), (32, 64)]] + [nn.Conv2d(64, DV, 2, 2) if a.patch_end else nn.Conv2d(64, DV, 3, 2, 1)])
        s.vpos = nn.Parameter(torch.randn(64, DV) * 0.02)
        s.lin = nn.Linear(DV, DV) if a.lin_end else None
        s.vb = nn.ModuleList([Block(DV, 4, False) for _ in range(a.vit_layers)]); s.vln = nn.LayerNorm(DV)
        s.proj = nn.Sequential(nn.Linear(DV, D), nn.GELU(approximate="tanh"), nn.Linear(D, D))
        s.sq = nn.Linear(D, 4); s.sv = nn.Linear(D, D // 4); s.wte = nn.Embedding(V, D); s.wpe = nn.Parameter(torch.randn(320, D) * 0.02)
        s.lb = nn.ModuleList([Block(D, 4, True) for _ in range(a.lm_layers)]); s.ln = nn.LayerNorm(D)
        for p in s.parameters():
            if p.dim() == 2: nn.init.normal_(p, 0, 0.02)
        for c in s.stem: nn.init.normal_(c.weight, 0, (2 / (c.in_channels * 9)) ** 0.5); nn.init.zeros_(c.bias)
        if a.puma_init:
            for b in list(s.vb) + list(s.lb):
                std = 0.02 / (2 * len(s.lb)) ** 0.5
                nn.init.normal_(b.att.out_proj.weight, 0, std); nn.init.normal_(b.mlp[2].weight, 0, std)
            for mod in s.modules():
                if isinstance(mod, (nn.Linear, nn.MultiheadAttention)):
                    for name, p in mod.named_parameters(recurse=False):
                        if p.dim() == 1 and "bias" in name: nn.init.zeros_(p)
    def forward(s, img, toks):
        B = img.shape[0]
        if a.stem:
            x = img.view(B, 1, R, R)
            for i, c in enumerate(s.stem):
                x = c(x)
                if i < len(s.stem) - 1 or a.lin_end: x = F.gelu(x, approximate="tanh")
            x = x.flatten(2).transpose(1, 2)
            if a.lin_end: x = s.lin(x)
            x = x + s.vpos
        else:
            x = s.pe(img.view(B, 8, P, 8, P).permute(0, 1, 3, 2, 4).reshape(B, 64, P * P)) + s.vpos
        for b in s.vb: x = b(x)
        e = s.proj(s.vln(x)); t = s.wte(toks)
        if a.summary == "mean": t = t + e.mean(1, keepdim=True)
        elif a.summary == "max": t = t + e.max(1, keepdim=True)[0]
        elif a.summary == "attn":
            w = torch.softmax(s.sq(e), 1)  # B,64,H
            t = t + torch.einsum("bnh,bnd->bhd", w, s.sv(e)).reshape(B, 1, -1)
        x = torch.cat([t[:, :1], e, t[:, 1:]], 1); x = x + s.wpe[: x.shape[1]]
        for b in s.lb: x = b(x)
        return s.ln(x) @ s.wte.weight.T

def batch(idx, I, rs, request):
    seqs = [([BOS] + list(request.encode()), list(rs[i]["values"].encode()) + [EOS]) for i in idx]
    L = max(len(p) + len(q) for p, q in seqs)
    toks = torch.full((len(idx), L), PAD); tgt = torch.full((len(idx), L + 64), -100)
    for j, (p, q) in enumerate(seqs):
        s = p + q; toks[j, : len(s)] = torch.tensor(s)
        for k in range(len(p), len(s)): tgt[j, 64 + k - 1] = s[k]  # bos, 64 image tokens, then s[1:]
    return torch.tensor((1 - I[idx] / 255.0) * a.scale, dtype=torch.float32), toks, tgt

request = recs[0]["values_instruction"]
m = Model()
lm = [p for n, p in m.named_parameters() if n.startswith(("wte", "wpe", "lb", "ln."))]
rest = [p for n, p in m.named_parameters() if not n.startswith(("wte", "wpe", "lb", "ln."))]
opt = torch.optim.AdamW([{"params": rest}, {"params": lm}], lr=a.lr, weight_decay=0.01)
import time; t0 = time.time()
def lr_at(t):
    w = min(50, a.steps // 10)
    return a.lr * (t + 1) / w if t < w else a.lr / 10 + 0.9 * a.lr * 0.5 * (1 + math.cos(math.pi * (t - w) / max(1, a.steps - w)))
rng = np.random.default_rng(a.seed)
for t in range(a.steps):
    for gi, g in enumerate(opt.param_groups): g["lr"] = 0.0 if (gi == 1 and t < a.freeze_lm) else lr_at(t) * (a.vlr if gi == 0 else 1.0)
    img, toks, tgt = batch(rng.integers(0, len(recs), a.batch), imgs, recs, request)
    loss = F.cross_entropy(m(img, toks).reshape(-1, V), tgt.reshape(-1))
    opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step()
    if (t + 1) % a.eval_every == 0:
        with torch.no_grad():
            img, toks, tgt = batch(np.arange(len(ev)), eimgs, ev, request)
            pred = m(img, toks).argmax(-1); mask = (tgt >= 48) & (tgt <= 57)
            acc = ((pred == tgt) & mask).sum().item() / mask.sum().item()
            acc2 = -1
            if hold:
                img, toks, tgt = batch(np.arange(len(hold)), himgs, hold, request)
                pred = m(img, toks).argmax(-1); mask = (tgt >= 48) & (tgt <= 57)
                acc2 = ((pred == tgt) & mask).sum().item() / mask.sum().item()
        print(t + 1, round(loss.item(), 3), "held-out teacher-forced digit accuracy", round(acc, 3), "decoys", round(acc2, 3), round(time.time()-t0), flush=True)
