package org.snn4j.api;

/**
 * Extension point for spike encoders, registered in {@code META-INF/services/org.snn4j.api.SpikeEncoderFactory}.
 */
public interface SpikeEncoderFactory extends PluginFactory<SpikeEncoder> {}
