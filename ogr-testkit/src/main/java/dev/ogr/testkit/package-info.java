/**
 * Contract tests for plugin authors (JUnit 5): {@link dev.ogr.testkit.StrategyContract} checks any strategy
 * factory, {@link dev.ogr.testkit.ProblemContract} any problem, and {@link dev.ogr.testkit.Harness} runs a recipe on
 * a problem for a number of steps. Add {@code ogr-testkit} in test scope; docs/testkit.md says what each rule checks
 * and what the kit does not.
 */
package dev.ogr.testkit;
