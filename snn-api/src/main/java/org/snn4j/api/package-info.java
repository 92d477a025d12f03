/**
 * The public types of snn4j: tensors, layers, networks, neuron models, surrogate gradients, encoders, datasets,
 * losses, optimizers, trainers, and the small types of the plugin contract ({@code Plugin}, {@code PluginFactory},
 * {@code PluginKind}, {@code PluginSpec}, {@code PluginParams}). Interfaces and small value types only: finding
 * plugins (the {@code ServiceLoader} registries and the catalog of plugin jars) lives in {@code snn-plugins}.
 *
 * <p>This module depends on {@code java.base} only. Tensors are time-major ({@code [T][B][N]}); spikes are bytes
 * (0 or 1), never floats, outside a kernel.
 */
package org.snn4j.api;
