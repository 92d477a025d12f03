package org.snn4j.api;

/**
 * Extension point for surrogate gradients: a named factory, registered in {@code
 * META-INF/services/org.snn4j.api.SurrogateFactory}, whose parameters (usually the width {@code a}) configure the
 * curve.
 */
public interface SurrogateFactory extends PluginFactory<SurrogateGradient> {}
