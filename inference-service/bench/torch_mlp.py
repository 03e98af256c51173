"""PyTorch reference for inference-service/bench/raw.sh: MLP 784-256-128-10 (ReLU, softmax), inference img/s.
Usage: /usr/bin/python3 inference-service/bench/torch_mlp.py [batch] [rounds] [seconds-per-round] [threads]"""
import sys, time, torch

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


xs = pixels.float().div_(255.0)
for name, conv in (("forward only", False), ("uint8 -> float -> forward -> numpy", True)):
    rates = []
    for r in range(rounds + 1):
        start, calls = time.perf_counter(), 0
        while True:
            step(conv)
            calls += 1
            now = time.perf_counter()
            if now - start >= (1.0 if r == 0 else seconds):
                break
        if r > 0:
            rates.append(calls * batch / (now - start))
    rates.sort()
    print(f"torch {torch.__version__} {torch.get_num_threads()} thread(s), batch {batch}, {name}: "
          f"median {rates[len(rates) // 2]:,.0f} img/s (min {rates[0]:,.0f}, max {rates[-1]:,.0f})")
