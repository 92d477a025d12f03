/**
 * The public types of snn4j: tensors, layers, networks, neuron models, surrogate gradients, encoders, datasets,
 * losses, optimizers, trainers, and the plugin registry that finds named implementations through {@link
 * java.util.ServiceLoader}.
 *
 * <p>This module depends on {@code java.base} only. Tensors are time-major ({@code [T][B][N]}); spikes are bytes
 * (0 or 1), never floats, outside a kernel.
 */
package org.snn4j.api;
