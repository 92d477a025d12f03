package org.snn4j.core.layer;

/**
 * One array that a model file stores for a layer ({@link NetworkLayer#storedArrays()}): a parameter's values, or a
 * statistic the layer keeps that is not learned by gradient (e.g. a batch normalization's running mean).
 *
 * @param name a name unique within its network, e.g. {@code layer0.weight}
 * @param values the values (live: reading a model file fills them in place)
 */
public record StoredArray(String name, float[] values) {}
