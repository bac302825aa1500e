/**
 * The test kit for harnesses that use Gantry, published as {@code dev.gantry:gantry-test}.
 *
 * <p>{@link dev.gantry.test.ReportTests} turns any {@link dev.gantry.core.Report} into JUnit 5
 * dynamic tests, one per finding. Fakes for Gantry's ports, all thread-safe:
 * <ul>
 *   <li>{@link dev.gantry.test.ScriptedHostExecutor}: answers commands as scripted, records calls
 *       and uploads;</li>
 *   <li>{@link dev.gantry.test.ScriptedSyncSource}: answers sync statuses or failures in order;</li>
 *   <li>{@link dev.gantry.test.ScriptedHealthCheck}: answers check results in order, counts calls;</li>
 *   <li>{@link dev.gantry.test.CollectingProgress}: keeps a workflow's step events.</li>
 * </ul>
 * A clock that moves only when told ({@link dev.gantry.test.harness.MutableClock}) and real
 * programs as test parameters ({@link dev.gantry.test.harness.RealPrograms}) come with the kit,
 * from {@code gantry-test-harness}; {@link dev.gantry.test.HarnessEndpoints} connects what the
 * harness starts to Gantry's types. The kit depends on JUnit's API only; the harness brings the
 * JUnit engine.
 */
package dev.gantry.test;
