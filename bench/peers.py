#!/usr/bin/env python3
"""Times the `perceptron-lab bench` workloads side by side with the peers of issue 7:
hand-written numpy, scikit-learn's MLPClassifier and PyTorch on the CPU.

Each peer trains the same network with the same schedule on data of the same shape
(float32, shuffled every epoch, no early stop) and is timed around the training loop only,
like `perceptron-lab bench`. Runs are interleaved (ours, numpy, sklearn, torch; again ...) so
a machine that gets busier part-way hurts every contender alike; each figure is the median.

    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install numpy scikit-learn torch
    /tmp/peers/bin/python bench/peers.py --ours target/release/perceptron-lab --repeat 3

Peers that are not installed are skipped. Not part of the build or of `cargo test`.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import warnings

THREADS = "2"
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, THREADS)

import numpy as np  # noqa: E402  (after the thread variables, which BLAS reads at import)

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = os.path.join(HERE, "..", "assets", "datasets", "digits.csv")

# name -> (hidden sizes, hidden activation, optimizer, learning rate, batch, epochs)
WORKLOADS = {
    "spiral-tiny": ((8, 8), "tanh", "sgd", 0.03, 10, 200),
    "digits": ((32,), "relu", "adam", 0.001, 32, 50),
    "mnist-scale": ((128, 64), "relu", "sgd", 0.05, 64, 1),
}


def spiral(n=1000):
    """Two interleaved spiral arms, n points in all (the shape of the built-in generator)."""
    i = np.arange(n)
    label = i % 2
    t = (i // 2) / (n // 2) * 1.25 * 2 * np.pi
    r = (i // 2) / (n // 2) * 5 + 0.5
    x = np.stack([r * np.cos(t + np.pi * label), r * np.sin(t + np.pi * label)], axis=1)
    return x.astype(np.float32), label.astype(np.int64)


def digits():
    """The bundled digits, pixels / 16, the first 1437 rows."""
    rows = np.loadtxt(DIGITS, delimiter=",", skiprows=1, dtype=np.float32)
    return (rows[:1437, :64] / 16.0).astype(np.float32), rows[:1437, 64].astype(np.int64)


def mnist_scale(n=60_000):
    """Uniform [0,1) inputs labelled by the argmax of a fixed random linear map."""
    rng = np.random.default_rng(1)
    w = rng.uniform(-1, 1, size=(784, 10)).astype(np.float32)
    x = rng.random((n, 784), dtype=np.float32)
    return x, np.argmax(x @ w, axis=1).astype(np.int64)


DATA = {"spiral-tiny": spiral, "digits": digits, "mnist-scale": mnist_scale}


def numpy_train(x, y, hidden, act, opt, lr, batch, epochs):
    """Hand-written forward and backward passes in float32 on numpy's BLAS."""
    rng = np.random.default_rng(0)
    sizes = [x.shape[1], *hidden, int(y.max()) + 1]
    ws = [(rng.standard_normal((a, b)) * np.sqrt(2 / (a + b))).astype(np.float32)
          for a, b in zip(sizes, sizes[1:])]
    bs = [np.zeros(b, np.float32) for b in sizes[1:]]
    params = ws + bs
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    b1, b2, eps, step = np.float32(0.9), np.float32(0.999), np.float32(1e-8), 0
    onehot = np.eye(sizes[-1], dtype=np.float32)[y]
    n = len(x)
    start = time.perf_counter()
    for _ in range(epochs):
        order = rng.permutation(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            a = [x[idx]]
            for k, (w, b) in enumerate(zip(ws, bs)):
                z = a[-1] @ w + b
                if k + 1 < len(ws):
                    a.append(np.tanh(z) if act == "tanh" else np.maximum(z, 0))
                else:
                    z -= z.max(axis=1, keepdims=True)
                    e = np.exp(z)
                    a.append(e / e.sum(axis=1, keepdims=True))
            delta = (a[-1] - onehot[idx]) / np.float32(len(idx))
            grads_w, grads_b = [None] * len(ws), [None] * len(ws)
            for k in range(len(ws) - 1, -1, -1):
                grads_w[k] = a[k].T @ delta
                grads_b[k] = delta.sum(axis=0)
                if k:
                    delta = delta @ ws[k].T
                    delta *= (1 - a[k] * a[k]) if act == "tanh" else (a[k] > 0)
            grads = grads_w + grads_b
            if opt == "sgd":
                for p, g in zip(params, grads):
                    p -= np.float32(lr) * g
            else:
                step += 1
                c1, c2 = 1 - b1 ** step, 1 - b2 ** step
                for p, g, mi, vi in zip(params, grads, m, v):
                    mi *= b1
                    mi += (1 - b1) * g
                    vi *= b2
                    vi += (1 - b2) * g * g
                    p -= np.float32(lr) * (mi / c1) / (np.sqrt(vi / c2) + eps)
    return time.perf_counter() - start


def sklearn_train(x, y, hidden, act, opt, lr, batch, epochs):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=hidden, activation=act, solver=opt, learning_rate_init=lr,
        batch_size=batch, max_iter=epochs, shuffle=True, alpha=0.0, momentum=0.0,
        nesterovs_momentum=False, tol=0.0, n_iter_no_change=10**9, early_stopping=False,
        random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        model.fit(x, y)
        return time.perf_counter() - start


def torch_train(x, y, hidden, act, opt, lr, batch, epochs):
    import torch

    torch.set_num_threads(int(THREADS))
    torch.manual_seed(0)
    sizes = [x.shape[1], *hidden, int(y.max()) + 1]
    layers = []
    for k, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if k + 2 < len(sizes):
            layers.append(torch.nn.Tanh() if act == "tanh" else torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    optim = (torch.optim.SGD if opt == "sgd" else torch.optim.Adam)(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    gen = torch.Generator().manual_seed(0)
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(xt), generator=gen)
        for s in range(0, len(xt), batch):
            idx = order[s:s + batch]
            optim.zero_grad(set_to_none=True)
            loss_fn(model(xt[idx]), yt[idx]).backward()
            optim.step()
    return time.perf_counter() - start


PEERS = {"numpy": numpy_train, "sklearn": sklearn_train, "torch": torch_train}


def available(name):
    module = {"numpy": "numpy", "sklearn": "sklearn", "torch": "torch"}[name]
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def ours(binary, workload):
    out = subprocess.run([binary, "bench", "--workload", workload, "--repeat", "1", "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ours", default="target/release/perceptron-lab")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workload", choices=list(WORKLOADS), action="append")
    parser.add_argument("--json", action="store_true", help="one JSON object per workload")
    args = parser.parse_args()
    peers = [p for p in PEERS if available(p)]
    for workload in args.workload or list(WORKLOADS):
        x, y = DATA[workload]()
        times = {name: [] for name in ["ours", *peers]}
        for _ in range(args.repeat):
            times["ours"].append(ours(args.ours, workload))
            for p in peers:
                times[p].append(PEERS[p](x, y, *WORKLOADS[workload]))
        med = {name: statistics.median(t) for name, t in times.items()}
        if args.json:
            print(json.dumps({"workload": workload, "seconds": med}))
        else:
            line = "  ".join(f"{p} {med[p]:.3f} s ({med[p] / med['ours']:.1f}x)" for p in peers)
            print(f"{workload:12} ours {med['ours']:.4f} s  {line}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
