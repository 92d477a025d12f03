"""Writes the NIR reference fixtures of snn-nir's tests (see README.md here).

Run from this folder, with NIR's reference implementation (github.com/neuromorphs/NIR, tag v1.0.7) on the path:

    PYTHONPATH=/path/to/NIR python3 make_fixtures.py

Needs numpy and h5py only. snnTorch and SpikingJelly are not installed: each graph is built the way that
framework's NIR exporter builds it (its parameter convention, dtypes and node kinds), and its recorded output is a
numpy simulation of that framework's documented neuron update (float32, as torch runs it), not a run of the framework.
"""
import numpy as np
import nir

if not hasattr(nir, "version"):  # a source checkout has no installed metadata to read the version from
    nir.version = "1.0.7"

DT = 1e-4  # both frameworks export (and import) with dt = 1e-4
T, B = 6, 3
rng = np.random.default_rng(20261207)


def dyadic(shape, denominator):
    """Weights that are multiples of 1/denominator in [-1, 1]: every sum of them is exact in float32, in any order,
    so the recorded spikes do not depend on the order a framework adds in."""
    return (rng.integers(-denominator, denominator + 1, size=shape) / denominator).astype(np.float32)


def conv2d(x, w, b, pad):
    """PyTorch's conv2d, stride 1: x (C,H,W), w (O,C,k,k) float32."""
    c, h, wd = x.shape
    o, _, k, _ = w.shape
    xp = np.zeros((c, h + 2 * pad, wd + 2 * pad), dtype=np.float32)
    xp[:, pad:pad + h, pad:pad + wd] = x
    oh, ow = h + 2 * pad - k + 1, wd + 2 * pad - k + 1
    out = np.zeros((o, oh, ow), dtype=np.float32)
    for oc in range(o):
        for y in range(oh):
            for xx in range(ow):
                out[oc, y, xx] = np.float32(np.sum(xp[:, y:y + k, xx:xx + k] * w[oc], dtype=np.float32) + b[oc])
    return out


def pool2d(x, k, average):
    c, h, w = x.shape
    out = x[:, :h - h % k, :w - w % k].reshape(c, h // k, k, w // k, k).sum(axis=(2, 4), dtype=np.float32)
    return (out / np.float32(k * k)).astype(np.float32) if average else out


def write_io(name, shape, inputs, outputs):
    """T·B lines of input bits (channel-major), then T·B lines of output bits; step-major, sample-minor."""
    with open(name + ".spikes.txt", "w") as f:
        f.write(f"timesteps {T} batch {B} input {' '.join(map(str, shape))} outputs {outputs.shape[-1]}\n")
        for t in range(T):
            for b in range(B):
                f.write("".join(str(int(v)) for v in inputs[t, b].reshape(-1)) + "\n")
        for t in range(T):
            for b in range(B):
                f.write("".join(str(int(v)) for v in outputs[t, b]) + "\n")


def snntorch_leaky_step(mem, cur, beta, thr):
    """snnTorch Leaky, reset_mechanism='zero', reset_delay=False (what snnTorch's import_from_nir builds): the reset
    from the previous membrane, then mem = beta*mem + input, fire on mem > threshold, reset to zero in the same step."""
    reset = (mem - thr > 0).astype(np.float32)
    mem = beta * ((np.float32(1) - reset) * mem) + cur
    spk = (mem - thr > 0).astype(np.float32)
    mem = mem - mem * (spk - reset)
    return mem, spk


def snntorch_fixture():
    """An snnTorch-style graph: Conv2d → Leaky → SumPool2d → Flatten → Affine → Leaky, exported as snnTorch's
    export_to_nir does: tau = dt/(1-beta), r = tau/dt, v_leak = 0 (float32, from beta's dtype), bias in Affine."""
    shape = (2, 6, 6)
    w1, b1 = dyadic((3, 2, 3, 3), 16), dyadic((3,), 16)
    beta1, thr1 = np.float32(0.875), np.float32(0.7)
    w2, b2 = dyadic((4, 27), 16), dyadic((4,), 16)
    beta2, thr2 = np.float32(0.75), np.float32(0.45)

    def lif(beta, thr, n_shape):
        beta = np.full(n_shape, beta, dtype=np.float32)
        tau = DT / (1 - beta)
        return nir.LIF(tau=tau, r=tau / DT, v_leak=np.zeros_like(beta), v_threshold=np.full(n_shape, thr,
                       dtype=np.float32))

    graph = nir.NIRGraph.from_list(
        nir.Input(input_type=np.array(shape)),
        nir.Conv2d(input_shape=(6, 6), weight=w1, stride=1, padding=1, dilation=1, groups=1, bias=b1),
        lif(beta1, thr1, (3, 6, 6)),
        nir.SumPool2d(kernel_size=np.array([2, 2]), stride=np.array([2, 2]), padding=np.array([0, 0])),
        nir.Flatten(input_type=np.array([3, 3, 3]), start_dim=0, end_dim=-1),
        nir.Affine(weight=w2, bias=b2),
        lif(beta2, thr2, (4,)),
        nir.Output(output_type=np.array([4])))
    nir.write("snntorch_scnn.nir", graph)

    inputs = (rng.random((T, B) + shape) < 0.4).astype(np.float32)
    out = np.zeros((T, B, 4), dtype=np.float32)
    for b in range(B):
        m1 = np.zeros((3, 6, 6), dtype=np.float32)
        m2 = np.zeros(4, dtype=np.float32)
        for t in range(T):
            m1, s1 = snntorch_leaky_step(m1, conv2d(inputs[t, b], w1, b1, 1), beta1, thr1)
            x2 = pool2d(s1, 2, average=False).reshape(-1)
            m2, s2 = snntorch_leaky_step(m2, (w2 @ x2 + b2).astype(np.float32), beta2, thr2)
            out[t, b] = s2
    write_io("snntorch_scnn", shape, inputs, out)
    return out


def spikingjelly_fixture():
    """A SpikingJelly-style graph: Conv2d(bias=False) → LIFNode(tau=2, decay_input=True, v_reset=0) → AvgPool2d(2)
    → Flatten → Linear(bias=False) → IFNode(v_reset=0), exported as nir_exchange.export_to_nir does: tau = tau_sj·dt,
    r = 1 (decay_input), v_leak = v_reset = 0, IF r = 1/dt, float64 neuron arrays (np.full), a float64 zero conv bias,
    scalar pooling sizes."""
    shape = (1, 8, 8)
    w1 = dyadic((4, 1, 3, 3), 8)
    w2 = dyadic((5, 64), 8)
    tau_sj, thr1, thr2 = 2.0, 0.9, 0.9
    n1 = (4, 8, 8)
    graph = nir.NIRGraph.from_list(
        nir.Input(input_type=np.array(shape)),
        nir.Conv2d(input_shape=(8, 8), weight=w1, stride=(1, 1), padding=(1, 1), dilation=(1, 1), groups=1,
                   bias=np.zeros((4,))),
        nir.LIF(tau=np.full(n1, tau_sj * DT), r=np.full(n1, 1.0), v_leak=np.full(n1, 0.0),
                v_threshold=np.full(n1, thr1), v_reset=np.full(n1, 0.0)),
        nir.AvgPool2d(kernel_size=2, stride=2, padding=0),
        nir.Flatten(input_type=np.array([4, 4, 4]), start_dim=0, end_dim=-1),
        nir.Linear(weight=w2),
        nir.IF(r=np.full((5,), 1 / DT), v_threshold=np.full((5,), thr2), v_reset=np.full((5,), 0.0)),
        nir.Output(output_type=np.array([5])))
    nir.write("spikingjelly_scnn.nir", graph)

    inputs = (rng.random((T, B) + shape) < 0.5).astype(np.float32)
    out = np.zeros((T, B, 5), dtype=np.float32)
    f32 = np.float32
    for b in range(B):
        v1 = np.zeros(n1, dtype=np.float32)
        v2 = np.zeros(5, dtype=np.float32)
        for t in range(T):
            x1 = conv2d(inputs[t, b], w1, np.zeros(4, dtype=np.float32), 1)
            # LIFNode, decay_input=True, hard reset to v_reset=0: H = V + (X - (V - v_reset))/tau, S = H >= vth
            h1 = v1 + (x1 - v1) / f32(tau_sj)
            assert not np.any(h1 == f32(thr1)), "a membrane at threshold: SpikingJelly (>=) and NIR (>) disagree"
            s1 = (h1 - f32(thr1) >= 0).astype(np.float32)
            v1 = h1 * (1 - s1)
            x2 = (w2 @ pool2d(s1, 2, average=True).reshape(-1)).astype(np.float32)
            h2 = v2 + x2  # IFNode: H = V + X
            assert not np.any(h2 == f32(thr2)), "a membrane at threshold"
            s2 = (h2 - f32(thr2) >= 0).astype(np.float32)
            v2 = h2 * (1 - s2)
            out[t, b] = s2
    write_io("spikingjelly_scnn", shape, inputs, out)
    return out


def snntorch_synaptic_fixture():
    """snnTorch Linear(bias=False) → Synaptic(alpha=0, beta=0.5) → Linear → Leaky(beta=0.625), exported as
    export_to_nir does (CubaLIF: tau_syn = dt/(1-alpha), tau_mem = dt/(1-beta), r = tau_mem/dt, w_in = tau_syn/dt),
    then the second LIF's v_reset dataset removed, as in files NIR wrote before v_reset existed (the reference reader
    takes zeros)."""
    w1 = dyadic((8, 12), 8)
    w2, b2 = dyadic((3, 8), 8), dyadic((3,), 8)
    alpha, beta1, thr1 = np.float32(0.0), np.float32(0.5), np.float32(0.6)
    beta2, thr2 = np.float32(0.625), np.float32(0.35)
    a = np.full((8,), alpha, dtype=np.float32)
    bb = np.full((8,), beta1, dtype=np.float32)
    tau_syn, tau_mem = DT / (1 - a), DT / (1 - bb)
    b2v = np.full((3,), beta2, dtype=np.float32)
    tau2 = DT / (1 - b2v)
    graph = nir.NIRGraph.from_list(
        nir.Input(input_type=np.array([12])),
        nir.Linear(weight=w1),
        nir.CubaLIF(tau_syn=tau_syn, tau_mem=tau_mem, r=tau_mem / DT, v_leak=np.zeros_like(bb),
                    v_threshold=np.full((8,), thr1, dtype=np.float32), w_in=tau_syn / DT),
        nir.Affine(weight=w2, bias=b2),
        nir.LIF(tau=tau2, r=tau2 / DT, v_leak=np.zeros_like(b2v), v_threshold=np.full((3,), thr2, dtype=np.float32)),
        nir.Output(output_type=np.array([3])))
    nir.write("snntorch_synaptic_mlp.nir", graph)
    import h5py
    with h5py.File("snntorch_synaptic_mlp.nir", "a") as f:
        del f["node/nodes/lif/v_reset"]

    inputs = (rng.random((T, B, 12)) < 0.5).astype(np.float32)
    out = np.zeros((T, B, 3), dtype=np.float32)
    for b in range(B):
        syn = np.zeros(8, dtype=np.float32)
        m1 = np.zeros(8, dtype=np.float32)
        m2 = np.zeros(3, dtype=np.float32)
        for t in range(T):
            # Synaptic, reset_mechanism='zero', reset_delay=False: syn = alpha*syn + input, mem = beta*mem + syn
            reset = (m1 - thr1 > 0).astype(np.float32)
            syn = alpha * syn + (w1 @ inputs[t, b]).astype(np.float32)
            m1 = beta1 * ((np.float32(1) - reset) * m1) + syn
            s1 = (m1 - thr1 > 0).astype(np.float32)
            m1 = m1 - m1 * (s1 - reset)
            m2, s2 = snntorch_leaky_step(m2, (w2 @ s1 + b2).astype(np.float32), beta2, thr2)
            out[t, b] = s2
    write_io("snntorch_synaptic_mlp", (12,), inputs, out)
    return out


if __name__ == "__main__":
    a = snntorch_fixture()
    b = spikingjelly_fixture()
    c = snntorch_synaptic_fixture()
    print("output spikes: snntorch_scnn", int(a.sum()), "of", a.size, "; spikingjelly_scnn", int(b.sum()), "of",
          b.size, "; snntorch_synaptic_mlp", int(c.sum()), "of", c.size)
    for f in ("snntorch_scnn.nir", "spikingjelly_scnn.nir", "snntorch_synaptic_mlp.nir"):
        g = nir.read(f)
        print(f, "reads back:", list(g.nodes), "nir", nir.version)
