# {{TITLE}}
#
# Exported from Perceptron Lab: the same network, weights and preprocessing as in the app, as
# a PyTorch module. `python model.py` predicts a few rows of the training data;
# `python model.py FILE.csv` predicts every row of a CSV file (one JSON object per line).
#
#     model = load()                     # the network with its trained weights
#     predict(model, rows)               # rows: dicts of raw values, as csv.DictReader gives them
#
# Network: {{ARCHITECTURE}}
# Data: {{DATA}}
# Needs: torch and safetensors (pip install torch safetensors).

import csv
import json
import math
import os
import sys

import torch
from torch import nn
from safetensors.torch import load_file, save_file

# -------------------------------------------------------------------------------------------
# Preprocessing: how a raw row (a dict of strings or numbers) becomes the network's inputs.
# Every number here was fitted on the training rows only, as in the app.
# -------------------------------------------------------------------------------------------

# The feature columns, in input order.
# - "numeric": one input, (x - offset) / divisor. Standard scaling: offset = training mean,
#   divisor = training standard deviation; min-max scaling: offset = training minimum,
#   divisor = maximum - minimum; "none": 0 and 1.
# - "categorical": one input per training category, 1 for the row's category and 0 for the
#   others (one-hot); a category never seen in training gives all zeros.
# - "impute": what fills a missing cell (empty, NA, NaN or ?): the training mean or the most
#   frequent category (None: a missing cell is an error).
# - "drop": training left out the rows missing this cell (a row to predict is imputed).
COLUMNS = [
{{COLUMNS}}
]

# Number of network inputs the columns above become.
INPUTS = {{INPUTS}}

# The column to predict, and the class names in output order (None: regression).
TARGET = {{TARGET}}
CLASSES = {{CLASSES}}

FLOAT32_MAX = 3.4028234663852886e38


def is_missing(cell):
    """True for a missing cell: None, NaN, or text that is empty, NA, NaN or ? (any case)."""
    if cell is None:
        return True
    if isinstance(cell, float):
        return math.isnan(cell)
    text = str(cell).strip()
    return text in ("", "?") or text.lower() in ("na", "nan")


def to_number(cell, column):
    """A cell as a finite number, read in double precision as the app reads it."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        value = float(cell)
    else:
        text = str(cell).strip()
        try:
            value = math.nan if "_" in text else float(text)
        except ValueError:
            value = math.nan
    if not math.isfinite(value) or abs(value) > FLOAT32_MAX:
        raise ValueError(f"column {column!r}: {cell!r} is not a number")
    return value


def to_category(cell):
    """A cell as category text (a whole float such as 3.0 reads as "3", as a CSV writes it)."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def encode(row):
    """One raw row (a dict) as a list of input values, before the rounding to float32."""
    inputs = []
    for spec in COLUMNS:
        column = spec["column"]
        if column not in row:
            raise ValueError(f"the row has no column {column!r}")
        cell = row[column]
        if is_missing(cell):
            if spec["impute"] is None:
                raise ValueError(f"column {column!r}: the value is missing")
            cell = spec["impute"]
        if spec["kind"] == "numeric":
            # In double precision, rounded to float32 once (below), exactly as the app does.
            inputs.append((to_number(cell, column) - spec["offset"]) / spec["divisor"])
        else:
            value = to_category(cell)
            inputs.extend(1.0 if value == category else 0.0 for category in spec["categories"])
    return inputs


def preprocess(rows):
    """Raw rows -> the network's inputs, a float32 tensor [rows, INPUTS]."""
    values = torch.tensor([encode(row) for row in rows], dtype=torch.float64)
    return values.to(torch.float32).reshape(len(rows), INPUTS)


# -------------------------------------------------------------------------------------------
# The network: each layer computes the weighted sums z = w·x + b (nn.Linear, whose weight is
# [neurons, inputs], the app's weights[j][i] from input i to neuron j) and then a = f(z).
# -------------------------------------------------------------------------------------------


class Step(nn.Module):
    """Rosenblatt's threshold unit: a = 1 if z >= 0 else 0.

    PyTorch has no trainable equivalent: the step's derivative is 0 everywhere (and undefined
    at 0), so backpropagation sends no error signal through it. The app trains a single layer
    of step units with the perceptron rule, w <- w + lr·(y - ŷ)·x, which `update` below
    reproduces by hand.
    """

    def forward(self, z):
        return (z >= 0).to(z.dtype)


class Network(nn.Module):
    """{{ARCHITECTURE}}"""

    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([
{{LINEARS}}
        ])
        self.activations = nn.ModuleList([
{{ACTIVATIONS}}
        ])

    def output_sums(self, x):
        """The output layer's weighted sums z (the logits), [rows, outputs]."""
        for layer, f in zip(self.layers[:-1], self.activations[:-1]):
            x = f(layer(x))
        return self.layers[-1](x)

    def forward(self, x):
        """The output layer's activations a = f(z), [rows, outputs]."""
        return self.activations[-1](self.output_sums(x))


def load():
    """The network with the trained weights from weights.safetensors beside this file."""
    model = Network()
    here = os.path.dirname(os.path.abspath(__file__))
    model.load_state_dict(load_file(os.path.join(here, "weights.safetensors")))
    model.eval()
    return model


def predict(model, rows):
    """One result per raw row: {"class": name, "probabilities": {name: p}} for classes (with
    one output neuron, p(second class) = a and p(first class) = 1 - a; with several, each
    class's output a, and the class is the one with the largest z), {"value": ...} for
    regression (a list when there are several outputs)."""
    x = preprocess(rows)
    with torch.no_grad():
        z = model.output_sums(x)
        a = model.activations[-1](z)
    results = []
    for i in range(len(rows)):
        if CLASSES is None:
            values = [float(v) for v in a[i]]
            results.append({"value": values[0] if len(values) == 1 else values})
        elif a.shape[1] == 1:
            p = float(a[i, 0])
            results.append({
                "class": CLASSES[1] if p >= 0.5 else CLASSES[0],
                "probabilities": {CLASSES[0]: 1.0 - p, CLASSES[1]: p},
            })
        else:
            best = int(torch.argmax(z[i]))  # the first of equal largest sums, as in the app
            results.append({
                "class": CLASSES[best],
                "probabilities": {name: float(a[i, j]) for j, name in enumerate(CLASSES)},
            })
    return results


def read_rows(path):
    """The rows of a CSV file as dicts of text (a byte-order mark is skipped)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


# -------------------------------------------------------------------------------------------
# Training, continued in PyTorch with the app's loss, optimizer and hyperparameters.
# The app shuffles with its own random stream, so the order of the samples differs.
# -------------------------------------------------------------------------------------------

LEARNING_RATE = {{LEARNING_RATE}}
L2 = {{L2}}  # weight decay: g <- g + L2·w on the weights (not the biases)
BATCH_SIZE = {{BATCH_SIZE}}
SEED = {{SEED}}

{{TRAINING}}

def usable(rows):
    """The rows training uses: the target present, and no missing cell in a "drop" column."""
    drop = [spec["column"] for spec in COLUMNS if spec["drop"]]
    return [
        row for row in rows
        if not is_missing(row.get(TARGET)) and not any(is_missing(row.get(c)) for c in drop)
    ]


def class_indices(rows):
    """Each row's class index into CLASSES."""
    indices = []
    for row in rows:
        name = str(row[TARGET]).strip()
        if name not in CLASSES:
            raise ValueError(f"class {name!r} is not one the model knows ({', '.join(CLASSES)})")
        indices.append(CLASSES.index(name))
    return torch.tensor(indices, dtype=torch.long)


def train(model, rows, epochs=10):
    """Continues training on raw rows for some epochs, printing each epoch's mean loss."""
    rows = usable(rows)
    x = preprocess(rows)
    y = targets(rows)
    optimizer = make_optimizer(model)
    torch.manual_seed(SEED)
    model.train()
    for epoch in range(epochs):
        order = torch.randperm(len(rows))
        total = 0.0
        for start in range(0, len(rows), BATCH_SIZE):
            batch = order[start:start + BATCH_SIZE]
            total += update(model, optimizer, x[batch], y[batch]) * len(batch)
        print(f"epoch {epoch + 1}: loss {total / max(len(rows), 1):.6f}")
    model.eval()


# Three rows of the training data, as csv.DictReader gives them (the target is shown, not used).
EXAMPLES = [
{{EXAMPLES}}
]

if __name__ == "__main__":
    model = load()
    if len(sys.argv) > 1:
        # python model.py FILE.csv: one JSON object per row.
        for result in predict(model, read_rows(sys.argv[1])):
            print(json.dumps(result, ensure_ascii=False))
    else:
        for row, result in zip(EXAMPLES, predict(model, EXAMPLES)):
            print(f"{TARGET} = {row.get(TARGET)!r}: predicted {result}")
    # To continue training from where the app stopped, then keep the new weights:
    # train(model, read_rows("train.csv"), epochs=10)
    # save_file(model.state_dict(), "weights-continued.safetensors")
