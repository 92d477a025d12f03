/**
 * Contract tests for plugin authors, in the manner of Lucene's {@code BaseDocValuesFormatTestCase}: extend the
 * one for your kind of plugin, return your plugin, and run your tests. If they pass, the plugin works in snn4j.
 *
 * <ul>
 *   <li>{@link org.snn4j.testkit.SurrogateContractTestCase}: surrogate gradients;
 *   <li>{@link org.snn4j.testkit.SpikeEncoderContractTestCase}: spike encoders;
 *   <li>{@link org.snn4j.testkit.DatasetReaderContractTestCase}: dataset readers;
 *   <li>{@link org.snn4j.testkit.NeuronContractTestCase}: neuron models (forward and backward steps against finite
 *       differences, parameter gradients, the reset, purity).
 * </ul>
 *
 * <p>{@link org.snn4j.testkit.PluginJar} builds real plugin jars from Java source in a test, for checking how
 * plugins load from a plugin folder.
 */
package org.snn4j.testkit;
