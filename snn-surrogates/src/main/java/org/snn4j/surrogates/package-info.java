/**
 * The built-in surrogate gradients, one named plugin each, registered in {@code
 * META-INF/services/org.snn4j.api.SurrogateFactory} like any third-party surrogate:
 *
 * <table>
 *   <caption>Surrogates, with {@code z = u - vth}</caption>
 *   <tr><th>name</th><th>h(z)</th><th>default</th><th>from</th></tr>
 *   <tr><td>{@code rectangular}</td><td>1/a if |z| &lt; a/2</td><td>a = 1</td><td>STBP h1</td></tr>
 *   <tr><td>{@code polynomial}</td><td>max(0, sqrt(a)/2 - (a/4)|z|)</td><td>a = 1</td><td>STBP h2</td></tr>
 *   <tr><td>{@code sigmoid}</td><td>(1/a) e^(-z/a) / (1 + e^(-z/a))^2</td><td>a = 0.3</td><td>STBP h3</td></tr>
 *   <tr><td>{@code gaussian}</td><td>e^(-z^2/(2a)) / sqrt(2 pi a)</td><td>a = 0.3</td><td>STBP h4</td></tr>
 *   <tr><td>{@code atan}</td><td>(alpha/2) / (1 + ((pi/2) alpha z)^2)</td><td>alpha = 2</td><td>SpikingJelly's
 *       default</td></tr>
 *   <tr><td>{@code fast-sigmoid}</td><td>alpha / (2 (1 + alpha|z|)^2)</td><td>alpha = 2</td><td>SuperSpike</td></tr>
 *   <tr><td>{@code piecewise-exp}</td><td>(alpha/2) e^(-alpha|z|)</td><td>alpha = 1</td><td>SLAYER</td></tr>
 *   <tr><td>{@code erf}</td><td>(alpha/sqrt(pi)) e^(-alpha^2 z^2)</td><td>alpha = 2</td><td>SpikingJelly</td></tr>
 *   <tr><td>{@code triangle}</td><td>max(0, alpha - alpha^2|z|)</td><td>alpha = 1</td><td>Esser 2016, LSNN</td></tr>
 *   <tr><td>{@code straight-through}</td><td>1</td><td>none</td><td>Bengio 2013</td></tr>
 * </table>
 *
 * <p>STBP's four come from Wu et al. 2018, "Spatio-Temporal Backpropagation for Training High-Performance Spiking
 * Neural Networks", Frontiers in Neuroscience 12:331, eq. 30-33, and take a width {@code a}: a larger {@code a} is a
 * wider, lower curve. The others take a sharpness {@code alpha}, as in SpikingJelly: a larger {@code alpha} is a
 * narrower, taller curve. Every curve but {@code straight-through} is a probability density: non-negative,
 * symmetric and integrating to 1. Find them by name through {@link org.snn4j.surrogates.SurrogateRegistry} or a
 * {@link org.snn4j.plugins.PluginCatalog}.
 */
package org.snn4j.surrogates;
