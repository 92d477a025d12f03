/**
 * Guice wiring for applications that embed snn4j: {@link org.snn4j.guice.SnnPluginsModule} binds every plugin kind
 * into a {@code MapBinder<String, ...>}, installs the Guice modules plugin jars ship, and lets the application add
 * modules and replace a plugin by name when it says so. snn-api itself never imports Guice.
 */
package org.snn4j.guice;
