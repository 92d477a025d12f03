/**
 * The surrogate gradients of STBP (Wu et al. 2018, "Spatio-Temporal Backpropagation for Training
 * High-Performance Spiking Neural Networks", Frontiers in Neuroscience 12:331, eq. 30-33), one named plugin each:
 * {@code rectangular}, {@code polynomial}, {@code sigmoid} and {@code gaussian}.
 *
 * <p>Each curve {@code h(z)}, with {@code z = u - vth}, is a probability density of width parameter {@code a}: it
 * is non-negative, symmetric and integrates to 1, so a wider curve is also a lower one. Find them by name through
 * {@link org.snn4j.surrogates.SurrogateRegistry}.
 */
package org.snn4j.surrogates;
