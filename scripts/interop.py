"""Loads every mathgen export the way the trainers do and checks what they see.

Called by scripts/interop.sh with the folder holding `data/` and the exports, from
another working folder. Exits non-zero, naming the export, on the first failure.
"""
import glob
import io
import json
import os
import sys

import datasets
import webdataset as wds
from PIL import Image

root = sys.argv[1]
data = os.path.join(root, "data")
pairs = [json.loads(l) for l in open(os.path.join(data, "pairs.jsonl"))]


def check(cond, what):
    if not cond:
        sys.exit(f"interop: {what}")


def load_json(path):
    return datasets.load_dataset("json", data_files=path, split="train")


# The dataset's own files: one type per column (ratio float64 in every row).
for f in ["pairs", "stage1", "instruct", "captions", "eval"]:
    d = load_json(os.path.join(data, f + ".jsonl"))
    check(len(d) > 0, f"{f}.jsonl loads empty")
    for k in ("ratio", "ratio_2"):
        if k in d.features:
            check(str(d.features[k].dtype) == "float64", f"{f}.jsonl {k} is {d.features[k].dtype}")

# Official Math-PUMA layout: absolute paths by default, null for a text-only member.
d = load_json(os.path.join(root, "puma/pairs.jsonl"))
check(len(d) == len(pairs), "math-puma: row count")
nulls = 0
for r in d:
    check(r["output"] == r["output_2"], "math-puma: output != output_2")
    for k in ("image_url", "image_url_2"):
        if r[k] is None:
            nulls += 1
        else:
            Image.open(r[k]).load()
check(nulls == len(pairs), f"math-puma: {nulls} null images, text-to-vision pairs have {len(pairs)}")

# LLaMA-Factory: the dataset_info.json entry, paths relative to dataset_dir.
info = json.load(open(os.path.join(root, "lf/dataset_info.json")))["mathgen_instruct"]
check(info["formatting"] == "sharegpt" and info["columns"] == {"messages": "messages", "images": "images"},
      "sharegpt: dataset_info.json entry")
d = load_json(os.path.join(root, "lf", info["file_name"]))
for r in d:
    check(r["messages"][0]["content"].count("<image>") == len(r["images"]), "sharegpt: <image> count")
    for p in r["images"]:
        Image.open(os.path.join(root, "lf", p)).load()

# LLaVA: image relative to --image_folder (the export's folder).
for r in json.load(open(os.path.join(root, "llava/instruct.json"))):
    if "image" in r:
        check(r["conversations"][0]["value"].startswith("<image>\n"), "llava: <image> first")
        Image.open(os.path.join(root, "llava", r["image"])).load()

# Qwen-VL finetune.py: user/assistant turns.
d = load_json(os.path.join(root, "qwen/stage1.json"))
check({t["from"] for r in d for t in r["conversations"]} == {"user", "assistant"}, "qwen: roles")

# MathVerse: six versions, images relative to the export's folder.
d = load_json(os.path.join(root, "mv/testmini.json"))
check(sorted(set(d["problem_version"])) == sorted(["Text Only", "Text Dominant", "Text Lite", "Vision Intensive",
                                                    "Vision Dominant", "Vision Only"]), "mathverse: versions")
for r in d:
    if r["image"]:
        Image.open(os.path.join(root, "mv", r["image"])).load()

# WebDataset: the webdataset package and HF's webdataset builder, images inside the shards.
shards = sorted(glob.glob(os.path.join(root, "wds/pairs-*.tar")))
n = 0
for s in wds.WebDataset(shards, shardshuffle=False):
    rec = json.loads(s["json"])
    check(rec["output"] == rec["output_2"], "webdataset: output != output_2")
    check("2.png" in s, "webdataset: vision member's image missing")
    Image.open(io.BytesIO(s["2.png"])).load()
    n += 1
check(n == len(pairs), f"webdataset: {n} samples, {len(pairs)} pairs")
d = datasets.load_dataset("webdataset", data_files={"train": shards}, split="train")
check(len(d) == len(pairs) and d[0]["2.png"] is not None, "webdataset via datasets")
d = datasets.load_dataset("webdataset", data_files={"train": sorted(glob.glob(os.path.join(root, "wds/instruct-*.tar")))},
                          split="train")
check(len(d) == len(pairs), "webdataset instruct via datasets")

# The dataset folder as a Hugging Face dataset: its card's configs over the hf/ shards.
expected = {"pairs": len(pairs), "stage1": len(pairs), "instruct": len(pairs), "captions": len(pairs),
            "eval": sum(1 for _ in open(os.path.join(data, "eval.jsonl")))}
for cfg, n in expected.items():
    d = datasets.load_dataset(data, cfg)
    split = "test" if cfg == "eval" else "train"
    check(len(d[split]) == n, f"hf card: {cfg} has {len(d[split])} rows, the JSONL {n}")
    for r in d[split]:
        for c in ("png", "1.png", "2.png"):
            if r.get(c) is not None:
                r[c].load()

# Parquet with the images embedded: the documented one-line conversion from the hf folder.
parquet = os.path.join(root, "pairs.parquet")
datasets.load_dataset(data, "pairs", split="train").to_parquet(parquet)
d = datasets.load_dataset("parquet", data_files=parquet, split="train")
check(len(d) == len(pairs), "parquet: row count")
for r in d:
    check(r["2.png"] is not None, "parquet: an image was not embedded")
    r["2.png"].load()

print(f"interop: every export loads (datasets {datasets.__version__}, webdataset {wds.__version__}, "
      f"pillow {Image.__version__}); {len(pairs)} pairs")
