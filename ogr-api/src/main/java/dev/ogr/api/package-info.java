/**
 * The ogr API: the five strategy kinds (direction provider, average tracker, step rule, outside rule, learning-rate learner)
 * with explicit exportable state, the objective and loss-probe abstraction, parameters, recipes and the plugin
 * SPI. This module has no dependency on Guice or on the core.
 */
package dev.ogr.api;
