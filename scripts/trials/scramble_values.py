#!/usr/bin/env python3
"""Trial data for docs/EXPERIMENT.md (not part of the product; mathgen
--decoy-rate is its product form): a mathgen folder's figures with each drawn
value erased (the difference between its _val and _fig images) and a random
"NN°" written at the same place in DejaVu Sans, so the values cannot be
inferred from the geometry. Figures whose labels do not separate cleanly are
skipped. Needs numpy and Pillow.

    python3 scramble_values.py SRC OUT N [FONT_PX=10]
"""
import json, os, random, sys
import numpy as np
from PIL import Image, ImageDraw, ImageFont
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", int(sys.argv[4]) if len(sys.argv) > 4 else 10)
rnd = random.Random(1)
os.makedirs(out + "/images", exist_ok=True)
REQ = json.loads(open(src + "/captions.jsonl").readline())["values_instruction"]
def comps(mask):
    ys, xs = np.nonzero(mask); pts = list(zip(ys, xs)); groups = []
    for y, x in pts:
        hit = [g for g in groups if g[0] - 3 <= y <= g[2] + 3 and g[1] - 4 <= x <= g[3] + 4]
        if hit:
            g = hit[0]; g[0] = min(g[0], y); g[1] = min(g[1], x); g[2] = max(g[2], y); g[3] = max(g[3], x)
            for h in hit[1:]:
                g[0] = min(g[0], h[0]); g[1] = min(g[1], h[1]); g[2] = max(g[2], h[2]); g[3] = max(g[3], h[3]); groups.remove(h)
        else: groups.append([y, x, y, x])
    return groups
def order(boxes):
    v = sorted(((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, b[2] - b[0] + 1, i) for i, b in enumerate(boxes)); rows = []
    for e in v:
        if rows and e[0] - rows[-1][0][0] < 0.5 * max(e[2], rows[-1][0][2]): rows[-1].append(e)
        else: rows.append([e])
    return [i for r in rows for (_, _, _, i) in sorted(r, key=lambda z: z[1])]
caps = open(out + "/captions.jsonl", "w"); k = 0; bad = 0
for line in open(src + "/captions.jsonl"):
    if k >= n: break
    r = json.loads(line); val = src + "/" + r["image_url"]; fig = val.replace("_val.png", "_fig.png")
    if not os.path.exists(fig): continue
    a = np.array(Image.open(val).convert("L")).astype(int); b = np.array(Image.open(fig).convert("L")).astype(int)
    boxes = [g for g in comps(np.abs(a - b) > 40) if g[2] - g[0] >= 5 and g[3] - g[1] >= 8]; nv = r["values"].count(",") + 1
    if len(boxes) != nv: bad += 1; continue
    im = Image.open(fig).convert("L"); arr = np.array(Image.open(val).convert("L"))
    for bx in boxes: arr[bx[0]-1:bx[2]+2, bx[1]-1:bx[3]+2] = b[bx[0]-1:bx[2]+2, bx[1]-1:bx[3]+2]
    im = Image.fromarray(arr); d = ImageDraw.Draw(im); new = {}
    for i, bx in enumerate(boxes):
        t = "%d°" % rnd.randint(10, 175)
        w, h = d.textbbox((0, 0), t, font=font)[2:]
        x = (bx[1] + bx[3]) / 2 - w / 2; y = (bx[0] + bx[2]) / 2 - h / 2 - 1
        d.text((x, y), t, font=font, fill=0); new[i] = t
    p = "images/s%06d.png" % k; im.save(out + "/" + p); k += 1
    v = ", ".join(new[i] for i in order(boxes))
    caps.write(json.dumps({"id": "s%d" % k, "problem_id": "s%d" % k, "image_url": p, "instruction": "Describe.", "output": v, "values_instruction": REQ, "values": v}) + "\n")
print("wrote", k, "skipped", bad)
