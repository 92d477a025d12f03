"""Reads a NIR file snn4j wrote with NIR's reference reader (nir.read, type-checked) and runs it on the input snn4j
recorded beside it (FILE.spikes: "T B n m", the input bits, snn4j's output bits), with a numpy forward-Euler
simulation of the NIR graph at dt = 1e-4, in float32. Prints how many output spikes agree. A graph that ends in an
LI node (snn4j's membrane readout) is compared on its class scores instead: the mean over the steps of the LI's
output, against the scores snn4j recorded on the file's fourth line (within 1e-5, float32 sums in another order).

    PYTHONPATH=/path/to/NIR python3 check_snn4j_file.py FILE.nir
"""
import sys
import numpy as np
import nir

if not hasattr(nir, "version"):  # a source checkout has no installed metadata
    nir.version = "1.0.7 (checkout)"

DT = 1e-4
f32 = np.float32


def conv2d(x, w, b, stride, pad):
    c, h, wd = x.shape
    o, _, k, _ = w.shape
    xp = np.zeros((c, h + 2 * pad, wd + 2 * pad), dtype=f32)
    xp[:, pad:pad + h, pad:pad + wd] = x
    oh, ow = (h + 2 * pad - k) // stride + 1, (wd + 2 * pad - k) // stride + 1
    out = np.zeros((o, oh, ow), dtype=f32)
    for y in range(oh):
        for xx in range(ow):
            patch = xp[:, y * stride:y * stride + k, xx * stride:xx * stride + k]
            out[:, y, xx] = np.tensordot(w, patch, axes=([1, 2, 3], [0, 1, 2])).astype(f32) + b
    return out


def run(graph, x, state):
    """One time step through the chain; state holds each neuron node's membrane (post-reset)."""
    order, node = [], "input"
    nxt = {a: b for a, b in graph.edges}
    while node in nxt:
        node = nxt[node]
        order.append(node)
    for name in order:
        n = graph.nodes[name]
        if isinstance(n, nir.Conv2d):
            x = conv2d(x, n.weight.astype(f32), n.bias.astype(f32), int(n.stride[0]), int(n.padding[0]))
        elif isinstance(n, nir.Affine):
            x = (n.weight.astype(f32) @ x.reshape(-1)).astype(f32) + n.bias.astype(f32)
        elif isinstance(n, nir.AvgPool2d):
            k, s = int(np.ravel(n.kernel_size)[0]), int(np.ravel(n.stride)[0])
            c, h, w = x.shape
            oh, ow = (h - k) // s + 1, (w - k) // s + 1
            x = np.array([[[x[ch, y * s:y * s + k, q * s:q * s + k].sum() / f32(k * k) for q in range(ow)]
                           for y in range(oh)] for ch in range(c)], dtype=f32)
        elif isinstance(n, nir.Flatten):
            x = x.reshape(-1)
        elif isinstance(n, (nir.LIF, nir.IF)):
            v = state.get(name, np.zeros(x.shape, dtype=f32))
            if isinstance(n, nir.LIF):  # Euler: v += dt/tau (v_leak - v + r I)
                decay = (1 - DT / n.tau).astype(f32)
                scale = (DT * n.r / n.tau).astype(f32)
            else:  # v += dt r I
                decay = np.ones_like(x, dtype=f32)
                scale = (DT * n.r).astype(f32)
            v = decay * v + scale * x
            z = (v > n.v_threshold.astype(f32)).astype(f32)
            state[name] = np.where(z > 0, n.v_reset.astype(f32), v).astype(f32)
            x = z
        elif isinstance(n, nir.LI):  # Euler: v += dt/tau (v_leak - v + r I); its output is v
            v = state.get(name, np.zeros(x.shape, dtype=f32))
            decay = (1 - DT / n.tau).astype(f32)
            v = decay * v + (DT / n.tau * n.v_leak).astype(f32) + (DT * n.r / n.tau).astype(f32) * x
            state[name] = v.astype(f32)
            x = state[name]
        elif isinstance(n, nir.Output):
            pass
        else:
            raise SystemExit("node %s (%s) is not simulated here" % (name, type(n).__name__))
    return x


def main(path):
    graph = nir.read(path)
    T, B, n, m = map(int, open(path + ".spikes").readline().split())
    lines = open(path + ".spikes").read().split("\n")
    inp = np.array([int(c) for c in lines[1]], dtype=f32).reshape(T, B, n)
    want = np.array([int(c) for c in lines[2]], dtype=f32).reshape(T, B, m)
    shape = tuple(int(d) for d in graph.nodes["input"].input_type["input"])
    last = [a for a, b in graph.edges if b == "output"][0]
    if isinstance(graph.nodes[last], nir.LI):
        scores = np.array([float(v) for v in lines[3].split()], dtype=f32).reshape(B, m)
        got = np.zeros((B, m), dtype=f32)
        for b in range(B):
            state = {}
            for t in range(T):
                got[b] += run(graph, inp[t, b].reshape(shape), state)
        got /= f32(T)
        err = np.abs(got - scores).max()
        print("nir %s read %s: %d nodes; LI readout scores, largest difference %.3g (of scores up to %.3g),"
              " same predicted class for %d of %d" % (nir.version, path, len(graph.nodes), err,
                                                     np.abs(scores).max(), (got.argmax(1) == scores.argmax(1)).sum(), B))
        return 0 if err <= 1e-5 * max(1.0, np.abs(scores).max()) else 1
    got = np.zeros_like(want)
    for b in range(B):
        state = {}
        for t in range(T):
            got[t, b] = run(graph, inp[t, b].reshape(shape), state)
    print("nir %s read %s: %d nodes; output spikes snn4j %d, NIR simulation %d, equal %d of %d"
          % (nir.version, path, len(graph.nodes), want.sum(), got.sum(),
             (want == got).sum(), want.size))
    return 0 if (want == got).all() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
