/**
 * Gantry's shared plumbing: argument checks ({@link dev.gantry.core.internal.Checks}), the address
 * validator ({@link dev.gantry.core.internal.Addresses}), the line-aware JSON/YAML reader ({@link
 * dev.gantry.core.internal.TreeReader}), the bounded fan-out for parallel work ({@link
 * dev.gantry.core.internal.FanOut}) and the inventory reader.
 *
 * <p><b>Not an API.</b> The public types here are public only so that Gantry's own modules
 * (gantry-core, gantry-health, gantry-k8s, gantry-test) can share them. They may change or vanish
 * in any release, are left out of the javadoc, and must not be used by applications or runbooks.
 */
package dev.gantry.core.internal;
