/**
 * The test kit for harnesses that use Gantry, published as {@code dev.gantry:gantry-test}.
 *
 * <p>{@link dev.gantry.test.ReportTests} turns any {@link dev.gantry.core.Report} into JUnit 5
 * dynamic tests, one per finding. The kit depends on JUnit's API only; the harness brings the
 * JUnit engine.
 */
package dev.gantry.test;
