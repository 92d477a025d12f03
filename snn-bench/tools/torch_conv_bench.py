"""PyTorch's dense conv2d (oneDNN) on the shapes ConvBenchmark times, for the dense-path comparison.

Forward of 100 images (ConvBenchmark.ROWS) through the reference SCNN's two convolutions, 3x3, padding 1:
conv1 1x28x28 -> 32 and conv2 32x14x14 -> 32. One thread by default. Prints one JSON line per layer with the median
milliseconds over --repeats timed calls. Run with Debian's torch (/usr/bin/python3), nothing else on the machine:
  ( cd ../shared/anchors && BLAS=openblas-omp-cpl && . ./blas_env.sh && cd - && \
    /usr/bin/python3 snn-bench/tools/torch_conv_bench.py --threads 1 )
"""
import argparse, json, statistics, time
import torch

ap = argparse.ArgumentParser()
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--repeats', type=int, default=50)
ap.add_argument('--rows', type=int, default=100)
args = ap.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)
for name, c, hw in (('conv1', 1, 28), ('conv2', 32, 14)):
    x = torch.rand(args.rows, c, hw, hw)
    w = torch.rand(32, c, 3, 3) - 0.5
    b = torch.rand(32) - 0.5
    with torch.no_grad():
        for _ in range(10):
            torch.nn.functional.conv2d(x, w, b, padding=1)
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            torch.nn.functional.conv2d(x, w, b, padding=1)
            times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({'layer': name, 'threads': args.threads, 'rows': args.rows, 'median_ms': statistics.median(times),
                      'min_ms': min(times), 'mkldnn': torch.backends.mkldnn.is_available()}))
