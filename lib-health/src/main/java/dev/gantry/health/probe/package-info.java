/**
 * Probing many health endpoints at once: {@link dev.gantry.health.probe.FleetProbe} sends one
 * request to each URL with bounded concurrency and a per-request timeout, and answers with a
 * {@link dev.gantry.health.probe.FleetReport}; {@code awaitHealthy} waits, with a deadline, until
 * every node answers as healthy, for test harnesses and runbooks.
 *
 * <pre>{@code
 * try (FleetProbe probe = FleetProbe.ofDefaults()) {
 *     FleetReport fleet = probe.probe(List.of(URI.create("http://10.0.0.1:8080/healthcheck"),
 *             URI.create("http://10.0.0.2:8080/healthcheck")));
 *     fleet.report().print();
 * }
 * }</pre>
 */
package dev.gantry.health.probe;
