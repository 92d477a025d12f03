package org.snn4j.api;

/**
 * Extension point for neuron models, registered in {@code META-INF/services/org.snn4j.api.NeuronFactory}; its
 * parameters (decay, threshold, ...) configure the neuron, e.g. {@code alif:beta=0.2}.
 */
public interface NeuronFactory extends PluginFactory<NeuronModel> {}
