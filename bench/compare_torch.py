"""The PyTorch half of bench/compare.sh: one model per process, the same measurements as bench/Dl4jCompare.java.

Not a test. Prints "RESULT <key> <value>" lines on stdout (read by compare.sh), progress on stderr.

The networks copy ml/src/main/java/dev/fmnist/ml/architecture (layers, padding, bias, batch norm, dropout, weight
init, optimiser, loss); the parameter count printed as "params" counts what DL4J counts, i.e. including the batch
norms' running mean and variance (DL4J keeps them in the parameter vector; PyTorch keeps them as buffers).

Usage: python3 bench/compare_torch.py <model> [idx-folder]; model one of softmax, mlp, lenet5, cnn. Environment:
BENCH_BATCHES (469), BENCH_CNN_BATCHES (30), BENCH_WARMUP_BATCHES (10; cnn 3), BENCH_SECONDS (3),
BENCH_WARMUP_SECONDS (1), BENCH_SEED (42), BENCH_THREADS (1).
"""

import gzip
import os
import sys
import time

import numpy as np
import torch
from torch import nn

EPOCH_BATCHES = 469
INFERENCE_BATCHES = (1, 32, 256)
WINDOWS = 3  # inference time windows per measurement; the best one's rate is reported
MEAN, STD = 0.2860, 0.3530  # Normalization.standardised()


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_float(name, default):
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


def result(key, value):
    print(f"RESULT {key} {value}", flush=True)


def read_idx(folder, prefix):
    """@return uint8 images [n, 28, 28] and int64 labels [n] of one split (gzipped or plain IDX files)."""

    def open_any(name):
        path = os.path.join(folder, name)
        return gzip.open(path + ".gz", "rb") if os.path.exists(path + ".gz") else open(path, "rb")

    with open_any(f"{prefix}-images-idx3-ubyte") as f:
        data = f.read()
    magic, count, rows, cols = np.frombuffer(data[:16], dtype=">u4")
    assert magic == 2051 and rows == 28 and cols == 28, (magic, rows, cols)
    images = np.frombuffer(data[16:], dtype=np.uint8).reshape(count, 28, 28)
    with open_any(f"{prefix}-labels-idx1-ubyte") as f:
        data = f.read()
    magic, label_count = np.frombuffer(data[:8], dtype=">u4")
    assert magic == 2049 and label_count == count, (magic, label_count, count)
    labels = np.frombuffer(data[8:], dtype=np.uint8).astype(np.int64)
    return images, labels


def he(module):
    """DL4J WeightInit.RELU: N(0, 2/fanIn) for the weights, biases 0."""
    if isinstance(module, (nn.Linear, nn.Conv2d)):
        nn.init.kaiming_normal_(module.weight, mode="fan_in", nonlinearity="relu")
        if module.bias is not None:
            nn.init.zeros_(module.bias)


def xavier(module):
    """DL4J WeightInit.XAVIER: N(0, 2/(fanIn+fanOut)), biases 0."""
    if isinstance(module, (nn.Linear, nn.Conv2d)):
        nn.init.xavier_normal_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


def build(model):
    """@return (network, flat input?, recipe) matching the DL4J architecture and TrainingBench's recipe."""
    adam = {"optimizer": "adam", "lr": 1e-3, "normalization": "unit", "smoothing": 0.0, "shift": 0, "flip": False}
    if model == "softmax":  # SoftmaxRegression: one dense softmax layer, "linear" activation -> Xavier
        net = nn.Sequential(nn.Linear(784, 10))
        net.apply(xavier)
        return net, True, adam
    if model == "mlp":  # MultiLayerPerceptron [256, 128], ReLU -> He init everywhere
        net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
        net.apply(he)
        return net, True, adam
    if model == "lenet5":  # LeNet5: conv6@5x5 pad 2, pool, conv16@5x5, pool, 120, 84, 10; biases everywhere
        net = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Flatten(),
            nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
        net.apply(he)
        return net, False, adam
    if model == "cnn":  # ConvNet with its recipe defaults
        layers = []
        channels_in = 1
        for block in range(3):
            channels = 32 << block
            for _ in range(2):  # 3x3 same padding, no bias, BN (eps 1e-5, decay 0.9), ReLU
                layers += [nn.Conv2d(channels_in, channels, 3, padding=1, bias=False),
                           nn.BatchNorm2d(channels, eps=1e-5, momentum=0.1), nn.ReLU()]
                channels_in = channels
            layers += [nn.MaxPool2d(2, 2), nn.Dropout(0.1)]  # 28 -> 14 -> 7 -> 3 (truncate)
        layers += [nn.Flatten(), nn.Linear(128 * 3 * 3, 256, bias=False), nn.BatchNorm1d(256, eps=1e-5, momentum=0.1),
                   nn.ReLU(), nn.Dropout(0.3), nn.Linear(256, 10)]
        net = nn.Sequential(*layers)
        net.apply(he)
        recipe = {"optimizer": "momentum", "lr": 0.1, "momentum": 0.95, "momentum_low": 0.85, "l2": 5e-4,
                  "normalization": "standard", "smoothing": 0.1, "shift": 2, "flip": True}
        return net, False, recipe
    raise SystemExit(f"unknown model {model} (softmax, mlp, lenet5, cnn)")


def count_params(net):
    """@return (DL4J-comparable count: parameters + BN running mean/var, PyTorch's trainable parameters)"""
    trainable = sum(p.numel() for p in net.parameters())
    stats = sum(b.numel() for name, b in net.named_buffers() if name.endswith(("running_mean", "running_var")))
    return trainable + stats, trainable


def optimiser(net, recipe, total_steps):
    if recipe["optimizer"] == "adam":
        return torch.optim.Adam(net.parameters(), lr=recipe["lr"]), None
    # Nesterov momentum, L2 on the convolution and dense weights (DL4J's l2 does not touch biases or BN's gamma/beta)
    decayed = [m.weight for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    decayed_ids = {id(p) for p in decayed}
    rest = [p for p in net.parameters() if id(p) not in decayed_ids]
    sgd = torch.optim.SGD([{"params": decayed, "weight_decay": recipe["l2"]}, {"params": rest, "weight_decay": 0.0}],
                          lr=recipe["lr"], momentum=recipe["momentum"], nesterov=True)
    # OneCycleSchedule: lr/25 -> lr over the first 25% of the steps -> lr/25/1e4, half cosines; momentum 0.95 <-> 0.85
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        sgd, max_lr=recipe["lr"], total_steps=total_steps, pct_start=0.25, anneal_strategy="cos",
        div_factor=25.0, final_div_factor=1e4, cycle_momentum=True,
        base_momentum=recipe["momentum_low"], max_momentum=recipe["momentum"])
    return sgd, schedule


def augment(images, shift, flip, rng):
    """Augmentation.apply for a uint8 batch [n, 28, 28]: pad by shift with 0, random crop, mirror half."""
    n = images.shape[0]
    padded = np.zeros((n, 28 + 2 * shift, 28 + 2 * shift), dtype=np.uint8)
    padded[:, shift:shift + 28, shift:shift + 28] = images
    dx = rng.integers(-shift, shift + 1, size=n)
    dy = rng.integers(-shift, shift + 1, size=n)
    axis = np.arange(28)
    mirror = rng.random(n) < 0.5 if flip else np.zeros(n, dtype=bool)
    rows = axis[None, :] + dy[:, None] + shift
    cols = np.where(mirror[:, None], 27 - axis[None, :], axis[None, :]) + dx[:, None] + shift
    return padded[np.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :]]


def to_tensor(batch_u8, normalization, flat):
    """uint8 [n, 28, 28] numpy -> float tensor normalised as the model's Normalization, [n, 784] or [n, 1, 28, 28]."""
    x = torch.from_numpy(batch_u8).to(torch.float32).mul_(1.0 / 255.0)
    if normalization == "standard":
        x = x.sub_(MEAN).div_(STD)
    return x.reshape(-1, 784) if flat else x.reshape(-1, 1, 28, 28)


def blas_library():
    """@return the BLAS library this process loaded (Debian's torch uses whatever libblas.so.3 points to)"""
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "libblas" in line and "/" in line}
    return ",".join(sorted(paths)) or "?"


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def main():
    model = sys.argv[1] if len(sys.argv) > 1 else "mlp"
    folder = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"
    cnn = model == "cnn"
    timed = env_int("BENCH_CNN_BATCHES" if cnn else "BENCH_BATCHES", 30 if cnn else EPOCH_BATCHES)
    warm = env_int("BENCH_WARMUP_BATCHES", 3 if cnn else 10)
    seconds = env_float("BENCH_SECONDS", 3.0)
    warm_seconds = env_float("BENCH_WARMUP_SECONDS", 1.0)
    seed = env_int("BENCH_SEED", 42)
    threads = env_int("BENCH_THREADS", 1)
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    result("torch", torch.__version__)
    result("numpy", np.__version__)
    result("threads", torch.get_num_threads())
    result("python", sys.version.split()[0])
    result("blas", blas_library())

    train_images, train_labels = read_idx(folder, "train")
    test_images, _ = read_idx(folder, "t10k")
    net, flat, recipe = build(model)
    batch_size = 128
    batches = warm + timed + 1  # as on the DL4J side
    params, trainable = count_params(net)
    result("params", params)
    result("params_trainable", trainable)

    # the same images as Dl4jCompare (the first batches x 128, cyclically), shuffled once, as the trainer does per epoch
    indices = np.arange(batches * batch_size) % train_images.shape[0]
    order = rng.permutation(indices)
    opt, schedule = optimiser(net, recipe, batches)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=recipe["smoothing"])  # softmax + MCXENT in DL4J
    net.train()
    timed_seconds = 0.0
    cpu_start = cpu_end = 0.0
    loss_sum = 0.0
    for b in range(batches):
        chosen = order[b * batch_size:(b + 1) * batch_size]
        if b == warm:
            cpu_start = time.process_time()
        t0 = time.perf_counter()
        images = train_images[chosen]
        if recipe["shift"] or recipe["flip"]:
            images = augment(images, recipe["shift"], recipe["flip"], rng)
        x = to_tensor(images, recipe["normalization"], flat)
        y = torch.from_numpy(train_labels[chosen])
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        if schedule is not None:
            schedule.step()
        loss_sum += loss.item()  # DL4J's trainer reads network.score() after every batch
        elapsed = time.perf_counter() - t0
        if warm <= b < warm + timed:
            timed_seconds += elapsed
        if b == warm + timed - 1:
            cpu_end = time.process_time()
        if (b + 1) % 50 == 0:
            print(f"  torch {model} batch {b + 1}/{batches}: loss {loss_sum / (b + 1):.4f}", file=sys.stderr)
    per_batch = timed_seconds / timed
    result("batch_size", batch_size)
    result("warmup_batches", warm)
    result("timed_batches", timed)
    result("train_ms_per_batch", f"{1000 * per_batch:.3f}")
    result("train_s_per_epoch", f"{per_batch * EPOCH_BATCHES:.3f}")
    result("train_cpu_s_per_epoch", f"{(cpu_end - cpu_start) / timed * EPOCH_BATCHES:.3f}")
    result("final_loss", f"{loss_sum / batches:.4f}")

    net.eval()
    for batch in INFERENCE_BATCHES:
        rate, cpu_rate = inference(net, test_images, batch, recipe["normalization"], flat, warm_seconds, seconds)
        result(f"infer_b{batch}", f"{rate:.1f}")
        result(f"infer_cpu_b{batch}", f"{cpu_rate:.1f}")
        print(f"  torch {model} inference batch {batch}: {rate:.0f} img/s", file=sys.stderr)
    for batch in INFERENCE_BATCHES:  # diagnostic: the forward pass alone on ready tensors
        rate, cpu_rate = raw_forward(net, test_images, batch, recipe["normalization"], flat, warm_seconds, seconds)
        result(f"raw_b{batch}", f"{rate:.1f}")
        result(f"raw_cpu_b{batch}", f"{cpu_rate:.1f}")
        print(f"  torch {model} raw forward batch {batch}: {rate:.0f} img/s", file=sys.stderr)
    result("peak_rss_mb", f"{peak_rss_mb():.1f}")


def raw_forward(net, images, batch, normalization, flat, warm_seconds, seconds):
    """@return measure() of net(x) alone over input tensors built beforehand, in turn."""
    inputs = [to_tensor(images[s:s + batch], normalization, flat)
              for s in range(0, min(images.shape[0], 64 * batch) - batch + 1, batch)]
    state = {"i": 0}

    def step():
        x = inputs[state["i"] % len(inputs)]
        state["i"] += 1
        net(x)
        return x.shape[0]

    return measure(step, warm_seconds, seconds)


def inference(net, images, batch, normalization, flat, warm_seconds, seconds):
    """@return measure() of uint8 batch -> normalised float tensor -> forward -> softmax -> numpy."""
    size = images.shape[0]
    state = {"start": 0}

    def step():
        start = state["start"] + batch
        if start + batch > size:
            start = 0
        state["start"] = start
        x = to_tensor(images[start:start + batch], normalization, flat)
        return torch.softmax(net(x), dim=1).numpy().shape[0]

    return measure(step, warm_seconds, seconds)


def measure(step, warm_seconds, seconds):
    """Runs step() (one call, returning its image count) for warm_seconds, then for seconds in WINDOWS windows.

    @return img/s of the best window (wall; contention only ever slows a window down), and over all windows per
    CPU second of this process
    """
    with torch.inference_mode():
        warm_end = time.perf_counter() + warm_seconds
        while time.perf_counter() < warm_end:
            step()
        best = 0.0
        total = 0
        cpu0 = time.process_time()
        for _ in range(WINDOWS):
            count = 0
            t0 = now = time.perf_counter()
            end = t0 + seconds / WINDOWS
            while now < end:
                count += step()
                now = time.perf_counter()
            best = max(best, count / (now - t0))
            total += count
    return best, total / (time.process_time() - cpu0)


if __name__ == "__main__":
    main()
