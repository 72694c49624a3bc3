#!/usr/bin/env python3
"""Runs a puma-train checkpoint through an independent PyTorch forward (the
layer semantics docs/TRAINER.md states: channel-last 3x3 stem, GELU (tanh),
pre-LN blocks, the image summary, tied head) and compares its greedy value
reading of held-out decoys with `puma-train infer`'s, to tell a forward-pass
bug from a model that has not learned (docs/EXPERIMENT.md). Not part of the
product; needs torch, numpy, Pillow and a release build of puma-train.

    python3 check_forward_against_torch.py CHECKPOINT_DIR DATA_DIR N

DATA_DIR is a mathgen folder made with --decoy-rate, at the model's image
size; N the number of its eval problems to read. Models with pixelShuffle are
not covered. Prints both readings per image and how many agree."""
import json, os, struct, sys, subprocess, numpy as np, torch, torch.nn.functional as F
from PIL import Image
ck = sys.argv[1]; data = sys.argv[2]; n = int(sys.argv[3])
cfg = json.load(open(ck + "/config.json"))
raw = open(ck + "/model.safetensors", "rb").read(); hl = struct.unpack("<Q", raw[:8])[0]; hdr = json.loads(raw[8:8 + hl])
W = {k: torch.from_numpy(np.frombuffer(raw[8 + hl + v["data_offsets"][0]: 8 + hl + v["data_offsets"][1]], dtype=np.float32).reshape(v["shape"]).copy()) for k, v in hdr.items() if k != "__metadata__"}
m = cfg.get("model", cfg); R = m["imageSize"]
if m.get("pixelShuffle"): sys.exit("models with pixelShuffle are not covered")
def ln(x, p): return F.layer_norm(x, x.shape[-1:], W[p + ".weight"], W[p + ".bias"], 1e-5)
def gelu(x): return F.gelu(x, approximate="tanh")
def block(x, p, heads, causal):
    B, T, D = x.shape; h = ln(x, p + ".ln_1")
    qkv = h @ W[p + ".attn.c_attn.weight"].T + W[p + ".attn.c_attn.bias"]
    q, k, v = qkv.split(D, -1); hd = D // heads
    q, k, v = [t.view(B, T, heads, hd).transpose(1, 2) for t in (q, k, v)]
    a = F.scaled_dot_product_attention(q, k, v, is_causal=causal).transpose(1, 2).reshape(B, T, D)
    x = x + a @ W[p + ".attn.c_proj.weight"].T + W[p + ".attn.c_proj.bias"]
    h = ln(x, p + ".ln_2"); h = gelu(h @ W[p + ".mlp.c_fc.weight"].T + W[p + ".mlp.c_fc.bias"])
    return x + h @ W[p + ".mlp.c_proj.weight"].T + W[p + ".mlp.c_proj.bias"]
def encode(img):
    x = torch.tensor((1 - img / 255.0) * m["pixelScale"], dtype=torch.float32).view(1, 1, R, R)
    strides = ([1] if m.get("stemLead", 0) else []) + [2] * len(m["stem"])
    for i, st in enumerate(strides):
        w = W[f"vision.stem.{i}.weight"]; oc = w.shape[0]; c = w.shape[1] // 9
        x = gelu(F.conv2d(x, w.view(oc, 3, 3, c).permute(0, 3, 1, 2), W[f"vision.stem.{i}.bias"], stride=st, padding=1))
    fp = m["patchSize"] >> len(m["stem"]); B, C, H, _ = x.shape; G = H // fp
    x = x.permute(0, 2, 3, 1).reshape(B, G, fp, G, fp, C).permute(0, 1, 3, 2, 4, 5).reshape(B, G * G, fp * fp * C)
    x = x @ W["vision.patch_embed.weight"].T + W["vision.patch_embed.bias"] + W["vision.pos_embed"]
    for i in range(m["visionLayers"]): x = block(x, f"vision.h.{i}", m["visionHeads"], False)
    x = ln(x, "vision.ln_f")
    x = gelu(x @ W["projector.fc1.weight"].T + W["projector.fc1.bias"])
    return x @ W["projector.fc2.weight"].T + W["projector.fc2.bias"]
def greedy(img, prompt, steps=16):
    e = encode(img); toks = [257] + [259] * e.shape[1] + list(prompt.encode()); out = []
    summ = (e.max(1)[0] if m.get("summaryPooling") == "max" else e.mean(1))[0]
    for _ in range(steps):
        T = len(toks); x = W["lm.wte.weight"][torch.tensor(toks)].clone()
        x[1:1 + e.shape[1]] = e[0]
        if m.get("imageSummary"): x[0] += summ; x[1 + e.shape[1]:] += summ
        x = (x + W["lm.wpe.weight"][:T]).unsqueeze(0)
        for i in range(m["layers"]): x = block(x, f"lm.h.{i}", m["heads"], True)
        nxt = int((ln(x, "lm.ln_f")[0, -1] @ W["lm.wte.weight"].T).argmax())
        if nxt == 258: break
        toks.append(nxt); out.append(nxt)
    return bytes(out).decode("utf-8", "replace")
req = json.loads(open(data + "/captions.jsonl").readline())["values_instruction"]
ev = [r for r in map(json.loads, open(data + "/problems.jsonl")) if r["split"] == "eval"][:n]
same = 0
for r in ev:
    p = data + "/" + r["decoy"]["image"]
    t = greedy(np.array(Image.open(p).convert("L"), dtype=np.float64), req)
    s = subprocess.run([os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../.build/release/puma-train"), "infer", "--checkpoint", ck, "--image", p, "--prompt", req, "--max-new-tokens", "16"], capture_output=True, text=True).stdout.strip()
    same += t == s; print(repr(t), repr(s), r["decoy"]["values"])
print("same", same, "of", len(ev))
