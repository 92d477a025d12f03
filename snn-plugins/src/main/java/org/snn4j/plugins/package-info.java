/**
 * Finding plugins: {@link org.snn4j.plugins.PluginRegistry} (the plugins of one extension point by name, from {@link
 * java.util.ServiceLoader} or a list) and {@link org.snn4j.plugins.PluginCatalog} (the class path plus plugin jars,
 * one class loader each). The contract the plugins implement is in {@code org.snn4j.api}; plugin authors need only
 * that module.
 */
package org.snn4j.plugins;
