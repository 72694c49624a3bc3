#!/usr/bin/env python3
"""Synthetic value cards for the reading trials in docs/EXPERIMENT.md (not part
of the product): 1-3 angle values ("65°") in DejaVu Sans 10 px at random,
non-overlapping places on a blank 128 px canvas, written as a minimal mathgen-
shaped folder (manifest.json, captions.jsonl with the value-reading task,
problems.jsonl with held-out cards) that `puma-train experiment` reads.

    python3 make_value_cards.py OUT N [--per-card 1|3] [--digits]

Needs Pillow. --digits draws one bare digit (0-9) per card instead."""
import argparse, json, os, random
from PIL import Image, ImageDraw, ImageFont

ap = argparse.ArgumentParser()
ap.add_argument("out"); ap.add_argument("n", type=int)
ap.add_argument("--per-card", type=int, default=3); ap.add_argument("--digits", action="store_true")
ap.add_argument("--eval", type=int, default=100)
a = ap.parse_args()
font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 10)
rnd = random.Random(0)
REQUEST = "List the values written on the figure, top to bottom, left to right."

def card(path):
    im = Image.new("L", (128, 128), 255); d = ImageDraw.Draw(im)
    k = 1 if a.digits or a.per_card == 1 else rnd.randint(1, a.per_card)
    boxes, vals, tries = [], [], 0
    while len(vals) < k and tries < 100:
        tries += 1
        t = str(rnd.randint(0, 9)) if a.digits else "%d°" % rnd.randint(10, 175)
        w, h = d.textbbox((0, 0), t, font=font)[2:]
        x, y = rnd.uniform(4, 124 - w), rnd.uniform(4, 124 - h)
        b = (x, y, x + w, y + h)
        if any(not (b[2] < c[0] - 4 or b[0] > c[2] + 4 or b[3] < c[1] - 4 or b[1] > c[3] + 4) for c in boxes):
            continue
        boxes.append(b); vals.append((y + h / 2, x + w / 2, h, t)); d.text((x, y), t, font=font, fill=0)
    im.save(path)
    rows = []  # mathgen's reading order: rows top to bottom, each left to right
    for v in sorted(vals):
        if rows and v[0] - rows[-1][0][0] < 0.5 * max(v[2], rows[-1][0][2]): rows[-1].append(v)
        else: rows.append([v])
    return ", ".join(t for r in rows for (_, _, _, t) in sorted(r, key=lambda z: z[1]))

os.makedirs(os.path.join(a.out, "images"), exist_ok=True)
with open(os.path.join(a.out, "captions.jsonl"), "w") as caps, open(os.path.join(a.out, "problems.jsonl"), "w") as probs:
    for i in range(a.n + a.eval):
        p = "images/c%06d.png" % i
        v = card(os.path.join(a.out, p))
        if i < a.n:
            caps.write(json.dumps({"id": "c%d" % i, "problem_id": "c%d" % i, "image_url": p, "instruction": "Describe.",
                                   "output": v, "values_instruction": REQUEST, "values": v}) + "\n")
        else:
            probs.write(json.dumps({"id": "e%d" % i, "split": "eval", "caption": v, "values": v,
                                    "levels": {"vision_dominant": {"image": p}}}) + "\n")
json.dump({"format_version": 1}, open(os.path.join(a.out, "manifest.json"), "w"))
