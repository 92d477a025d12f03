package org.snn4j.spark;

import java.io.Serializable;

/**
 * What an executor needs to compute shards of a training run, broadcast once per fit: the network's layers (a model
 * file of the initial network; each step's parameters come in their own broadcast), the surrogate, loss, optimizer,
 * encoder, time steps and seed.
 */
record TrainSpec(byte[] initialModel, String surrogate, String loss, String optimizer, float learningRate,
    Float weightDecay, float clipGrad, String encoder, int timesteps, long seed) implements Serializable {}
