"""numpy peer for the bottomup benchmark: the workloads written the way the course's notebooks write them.

Run by bench/peers/numpy.mjs as a subprocess, one job per process:

    python3 numpy_peer.py JOB_JSON

JOB_JSON: {"workload": "planar" | "mlp" | "deep" | "matmul" | "info", "data": DIR, "reps": N, ...}.
DIR holds the shared data written by numpy.mjs from data.mjs (raw little-endian float64 files), so numpy
trains on exactly the numbers bottomup trains on. Prints one line `RESULT {json}` with the wall times
(ms) and the process CPU times (ms, all threads) of the timed runs, after one untimed warm-up run.
The thread count is the caller's: OPENBLAS_NUM_THREADS in the environment.
"""

import json
import os
import sys
import time

import numpy as np


def load(data, name, shape):
    return np.fromfile(os.path.join(data, name + ".f64"), dtype="<f8").reshape(shape)


def timed(fn, reps, warmup):
    warmup()
    times, cpu = [], []
    for _ in range(reps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return times, cpu


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


# -- Workload 1: the planar network (course week 3, nn_model): 2 -> 4 tanh -> 1 sigmoid, full batch.


def planar(job):
    d = job["data"]
    X = load(d, "planar_X", (2, 400))
    Y = load(d, "planar_Y", (1, 400))
    init = [load(d, "planar_W1", (4, 2)), load(d, "planar_b1", (4, 1)),
            load(d, "planar_W2", (1, 4)), load(d, "planar_b2", (1, 1))]
    lr, steps = job["learningRate"], job["steps"]
    m = X.shape[1]
    out = {}

    def run(count):
        W1, b1, W2, b2 = (a.copy() for a in init)
        cost = None
        for _ in range(count):
            Z1 = np.dot(W1, X) + b1
            A1 = np.tanh(Z1)
            Z2 = np.dot(W2, A1) + b2
            A2 = sigmoid(Z2)
            logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
            cost = float(np.squeeze(-np.sum(logprobs) / m))
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            W1 = W1 - lr * dW1
            b1 = b1 - lr * db1
            W2 = W2 - lr * dW2
            b2 = b2 - lr * db2
        A2 = sigmoid(np.dot(W2, np.tanh(np.dot(W1, X) + b1)) + b2)
        out["accuracy"] = float(np.mean((A2 > 0.5) == (Y == 1)))
        out["cost"] = cost

    times, cpu = timed(lambda: run(steps), job["reps"], lambda: run(min(1000, steps)))
    return {"times": times, "cpuTimes": cpu, "steps": steps, **out}


# -- Workloads 2 and 3: mini-batch networks, column layout (one example per column), ReLU hidden
# layers, softmax + categorical cross-entropy, mini-batches sliced in order (no shuffling), the cost
# computed every batch as the notebooks' model() does. No gradient with respect to the input.


def forward_backward(params, X, Y):
    L = len(params) // 2
    m = X.shape[1]
    caches = [X]
    A = X
    for l in range(1, L):
        A = np.maximum(0, np.dot(params["W%d" % l], A) + params["b%d" % l])
        caches.append(A)
    AL = softmax(np.dot(params["W%d" % L], A) + params["b%d" % L])
    cost = -np.sum(Y * np.log(AL)) / m
    grads = {}
    dZ = AL - Y
    for l in range(L, 0, -1):
        A_prev = caches[l - 1]
        grads["dW%d" % l] = np.dot(dZ, A_prev.T) / m
        grads["db%d" % l] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dA = np.dot(params["W%d" % l].T, dZ)
            dZ = np.multiply(dA, A_prev > 0)
    return cost, grads


def update_parameters_with_gd(params, grads, lr):
    for key in params:
        params[key] = params[key] - lr * grads["d" + key]


def initialize_adam(params):
    v = {k: np.zeros_like(p) for k, p in params.items()}
    s = {k: np.zeros_like(p) for k, p in params.items()}
    return v, s


def update_parameters_with_adam(params, grads, v, s, t, lr, beta1=0.9, beta2=0.999, epsilon=1e-8):
    for key in params:
        g = grads["d" + key]
        v[key] = beta1 * v[key] + (1 - beta1) * g
        v_corrected = v[key] / (1 - np.power(beta1, t))
        s[key] = beta2 * s[key] + (1 - beta2) * np.power(g, 2)
        s_corrected = s[key] / (1 - np.power(beta2, t))
        params[key] = params[key] - lr * v_corrected / (np.sqrt(s_corrected) + epsilon)


def minibatch(job, prefix, sizes, adam):
    d = job["data"]
    full = job["fullM"]
    m = job.get("samples") or full
    Xall = load(d, prefix + "_X", (sizes[0], full))
    Yall = load(d, prefix + "_Y", (sizes[-1], full))
    X, Y = np.ascontiguousarray(Xall[:, :m]), np.ascontiguousarray(Yall[:, :m])
    init = {}
    for l in range(1, len(sizes)):
        init["W%d" % l] = load(d, "%s_W%d" % (prefix, l), (sizes[l], sizes[l - 1]))
        init["b%d" % l] = load(d, "%s_b%d" % (prefix, l), (sizes[l], 1))
    lr, size = job["learningRate"], job["batchSize"]
    state = {"params": {k: a.copy() for k, a in init.items()}}

    def epoch(Xe, Ye, fresh):
        if fresh or "v" not in state:
            if adam:
                state["params"] = {k: a.copy() for k, a in init.items()}
            state["v"], state["s"] = initialize_adam(state["params"])
            state["t"] = 0
        params = state["params"]
        n = Xe.shape[1]
        for j in range(0, n, size):
            Xb, Yb = Xe[:, j:j + size], Ye[:, j:j + size]
            cost, grads = forward_backward(params, Xb, Yb)
            if adam:
                state["t"] += 1
                update_parameters_with_adam(params, grads, state["v"], state["s"], state["t"], lr)
            else:
                update_parameters_with_gd(params, grads, lr)

    w = min(job.get("warmupSamples") or m, m)
    # Adam restarts from the initial weights for the timed epoch (as bottomup's deep job builds a new
    # model); SGD keeps training across epochs (as bottomup's mlp job does).
    times, cpu = timed(lambda: epoch(X, Y, adam), job["reps"], lambda: epoch(X[:, :w], Y[:, :w], True))
    params = state["params"]
    A = X
    L = len(sizes) - 1
    for l in range(1, L):
        A = np.maximum(0, np.dot(params["W%d" % l], A) + params["b%d" % l])
    scores = np.dot(params["W%d" % L], A) + params["b%d" % L]
    accuracy = float(np.mean(np.argmax(scores, axis=0) == np.argmax(Y, axis=0)))
    return {"times": times, "cpuTimes": cpu, "samples": m, "accuracy": accuracy}


def mlp(job):
    return minibatch(job, "mlp", [784, 128, 10], adam=False)


def deep(job):
    return minibatch(job, "deep", [784, 256, 128, 10], adam=True)


# -- Workload 4: square matmul, np.dot(A, B, out=C) into a preallocated C (Float64).


def matmul(job):
    d = job["data"]
    results = []
    for n in job["sizes"]:
        A = load(d, "matmul_A%d" % n, (n, n))
        B = load(d, "matmul_B%d" % n, (n, n))
        C = np.empty((n, n))

        def measure():
            t0 = time.perf_counter()
            k = 0
            while True:
                np.dot(A, B, out=C)
                k += 1
                if time.perf_counter() - t0 >= 0.15:
                    break
            return (time.perf_counter() - t0) / k

        measure()
        ts = sorted(measure() for _ in range(job["reps"]))
        h = len(ts) // 2
        seconds = ts[h] if len(ts) % 2 else (ts[h - 1] + ts[h]) / 2
        results.append({"n": n, "seconds": seconds, "gflops": 2 * n ** 3 / seconds / 1e9})
    return {"results": results}


def info(job):
    cfg = np.show_config(mode="dicts") if hasattr(np, "show_config") else {}
    blas = cfg.get("Build Dependencies", {}).get("blas", {}) if isinstance(cfg, dict) else {}
    out = {"numpy": np.__version__, "python": sys.version.split()[0],
           "blas": blas.get("name"), "blasVersion": blas.get("version"),
           "blasConfig": blas.get("openblas configuration")}
    # What OpenBLAS itself reports (numpy's wheels bundle it as numpy.libs/libscipy_openblas64_*.so).
    import ctypes
    import glob

    here = os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*")
    for path in glob.glob(here):
        lib = ctypes.CDLL(path)
        for key, name, kind in [("threads", "get_num_threads", int), ("core", "get_corename", str),
                                ("config", "get_config", str)]:
            for sym in ["scipy_openblas_%s64_" % name, "openblas_%s64_" % name, "openblas_%s" % name]:
                f = getattr(lib, sym, None)
                if f is None:
                    continue
                if kind is str:
                    f.restype = ctypes.c_char_p
                    out[key] = f().decode()
                else:
                    out[key] = f()
                break
    return out


if __name__ == "__main__":
    spec = json.loads(sys.argv[1])
    result = {"planar": planar, "mlp": mlp, "deep": deep, "matmul": matmul, "info": info}[spec["workload"]](spec)
    result["threadsEnv"] = os.environ.get("OPENBLAS_NUM_THREADS")
    print("RESULT " + json.dumps(result), flush=True)
