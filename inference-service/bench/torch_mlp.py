"""PyTorch reference for inference-service/bench/raw.sh: MLP 784-256-128-10 (ReLU, softmax), inference img/s.
Usage: /usr/bin/python3 inference-service/bench/torch_mlp.py [batch] [rounds] [seconds-per-round] [threads]"""
import sys, time, torch
import torch.utils.mkldnn

batch = int(sys.argv[1]) if len(sys.argv) > 1 else 256
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                            torch.nn.Linear(128, 10), torch.nn.Softmax(dim=1)).eval()
pixels = torch.randint(0, 256, (batch, 784), dtype=torch.uint8)  # grey levels, as the service gets them


def step(with_conversion):
    x = pixels.float().div_(255.0) if with_conversion else xs
    with torch.inference_mode():
        p = model(x)
    return p.numpy() if with_conversion else p


dnn = torch.utils.mkldnn.to_mkldnn(model)  # oneDNN inner products (Debian's torch has no MKL: BLAS is netlib's)


def step_dnn():
    x = pixels.float().div_(255.0)
    with torch.inference_mode():
        return dnn(x.to_mkldnn()).to_dense().numpy()


xs = pixels.float().div_(255.0)
steps = (("forward only (default CPU path)", lambda: step(False)),
         ("uint8 -> float -> forward -> numpy (default CPU path)", lambda: step(True)),
         ("uint8 -> float -> forward -> numpy (to_mkldnn model)", step_dnn))
rates = {name: [] for name, _ in steps}
cpu_rates = {name: [] for name, _ in steps}
for r in range(rounds + 1):  # alternating rounds; round 0 warms up
    for name, work in steps:
        start, cpu_start, calls = time.perf_counter(), time.thread_time(), 0
        while True:
            work()
            calls += 1
            now = time.perf_counter()
            if now - start >= (1.0 if r == 0 else seconds):
                break
        if r > 0:
            rates[name].append(calls * batch / (now - start))
            cpu_rates[name].append(calls * batch / (time.thread_time() - cpu_start))
for name, _ in steps:
    wall, cpu = sorted(rates[name]), sorted(cpu_rates[name])
    print(f"torch {torch.__version__} {torch.get_num_threads()} thread(s), batch {batch}, {name}: "
          f"{wall[len(wall) // 2]:,.0f} img/s ({wall[0]:,.0f}-{wall[-1]:,.0f}) | "
          f"{cpu[len(cpu) // 2]:,.0f} img/CPU-s")
