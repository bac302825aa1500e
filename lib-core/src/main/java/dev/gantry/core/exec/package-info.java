/**
 * Running commands on hosts: {@link dev.gantry.core.exec.HostExecutor} and its adapters.
 */
package dev.gantry.core.exec;
