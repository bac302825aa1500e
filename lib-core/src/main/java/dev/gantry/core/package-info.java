/**
 * Gantry's shared vocabulary, used by every other package: results, machines and the exceptions.
 *
 * <p>Checks, audits, plans and verifications all return a {@link dev.gantry.core.Report} of {@link
 * dev.gantry.core.Finding}s, each with a {@link dev.gantry.core.Severity}; a report prints for people
 * ({@code print()}, {@code toMarkdown()}), machines ({@code toJson()}) and test harnesses ({@code
 * toJUnitXml()}, {@code orThrow()}). An {@link dev.gantry.core.Inventory} lists the {@link
 * dev.gantry.core.Machine}s a cluster is built from, each with a {@link dev.gantry.core.Role}, a
 * {@link dev.gantry.core.ProviderKind} and {@link dev.gantry.core.SshAccess}. {@link
 * dev.gantry.core.Secret} holds a value that never prints; {@link dev.gantry.core.ByteSize} parses
 * sizes such as {@code 512k} or {@code 1Gi}. Every failure is an unchecked {@link
 * dev.gantry.core.GantryException}: {@link dev.gantry.core.ParseException} (with source and line),
 * {@link dev.gantry.core.CheckFailedException} and {@link dev.gantry.core.StepFailedException}.
 *
 * <pre>{@code
 * Inventory inventory = Inventory.load(Path.of("hosts.yaml"));
 * Report report = Report.of(Finding.pass("INVENTORY-READ", "hosts.yaml", inventory.size() + " machines"));
 * report.print().orThrow();
 * }</pre>
 *
 * <p>The YAML reading and validation behind these types lives in {@code dev.gantry.core.internal},
 * which is not part of the API.
 */
package dev.gantry.core;
